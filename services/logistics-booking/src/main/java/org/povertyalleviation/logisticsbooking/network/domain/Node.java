package org.povertyalleviation.logisticsbooking.network.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.domain.VillageCode;

/**
 * A place of the county's network: the logistics park, a township's express station or a village's post station. A
 * station hangs under the park, a post under its township's station; a post stands in its village (one per village).
 *
 * @param parent   the node it hangs under; null for the park
 * @param township the township's 9-digit code; null for the park
 * @param village  the village of a post; null otherwise
 */
public record Node(UUID id, CountyCode county, NodeLevel level, String name, UUID parent, String township, VillageCode village,
                   String address, Place place, String openingHours, OperatorKind operatorKind, String operatorName,
                   boolean coldStorage, Instant createdAt) {

    public static final int MAX_NAME = 100;
    public static final int MAX_ADDRESS = 200;
    public static final int MAX_HOURS = 100;

    public Node {
        name = text("name", name, MAX_NAME);
        address = text("address", address, MAX_ADDRESS);
        openingHours = text("openingHours", openingHours, MAX_HOURS);
        operatorName = text("operatorName", operatorName, MAX_NAME);
        if (level == null) {
            throw new InvalidValueException("level", "is required");
        }
        if (operatorKind == null) {
            throw new InvalidValueException("operatorKind", "is required");
        }
        if (place == null) {
            throw new InvalidValueException("latitude", "is required, with longitude");
        }
        switch (level) {
            case COUNTY_PARK -> {
                if (parent != null) {
                    throw new InvalidValueException("parent", "the county's park hangs under no node");
                }
                if (village != null || township != null) {
                    throw new InvalidValueException(village != null ? "village" : "township", "the county's park stands in no village or township");
                }
            }
            case TOWNSHIP_STATION -> {
                requireParent(parent);
                if (village != null) {
                    throw new InvalidValueException("village", "a township station stands in no village (a village post does)");
                }
                if (township == null || !township.matches("\\d{9}") || !township.startsWith(county.value())) {
                    throw new InvalidValueException("township", "must be the 9-digit code of a township of county " + county);
                }
            }
            case VILLAGE_POST -> {
                requireParent(parent);
                if (village == null) {
                    throw new InvalidValueException("village", "a village post stands in a village");
                }
                if (!village.isIn(county)) {
                    throw new InvalidValueException("village", "village " + village + " is not in county " + county);
                }
                String ofVillage = village.value().substring(0, 9);
                if (township != null && !township.equals(ofVillage)) {
                    throw new InvalidValueException("township", "village " + village + " is in township " + ofVillage);
                }
                township = ofVillage;
            }
        }
    }

    /** A new node of the county's network. */
    public static Node add(CountyCode county, NodeLevel level, String name, UUID parent, String township, String village, String address,
                           Place place, String openingHours, OperatorKind operatorKind, String operatorName, boolean coldStorage, Instant now) {
        VillageCode code = village == null ? null : InvalidValueException.in("village", () -> VillageCode.of(village));
        return new Node(UUID.randomUUID(), county, level, name, parent, township, code, address, place, openingHours, operatorKind,
                operatorName, coldStorage, now);
    }

    /** The node's place as the drive times know it. */
    public DriveTimes.Place stop() {
        return place.at(id);
    }

    /** Refused unless the parent is of the level this node hangs under (and, for a post, its township's station). */
    public void checkParent(Node found) {
        if (found.level() != level.parentLevel()) {
            throw RuleRefusedException.violated("parent-level", "A " + level + " hangs under a " + level.parentLevel() + ", not a " + found.level(),
                    "parent");
        }
        if (level == NodeLevel.VILLAGE_POST && !found.township().equals(township)) {
            throw RuleRefusedException.violated("parent-township", "Village " + village + " is in township " + township
                    + ", not under the station of township " + found.township(), "parent");
        }
    }

    private static void requireParent(UUID parent) {
        if (parent == null) {
            throw new InvalidValueException("parent", "is required: the node it hangs under");
        }
    }

    private static String text(String field, String value, int max) {
        if (value == null || value.isBlank() || value.strip().length() > max) {
            throw new InvalidValueException(field, "must be 1 to " + max + " characters");
        }
        return value.strip();
    }
}
