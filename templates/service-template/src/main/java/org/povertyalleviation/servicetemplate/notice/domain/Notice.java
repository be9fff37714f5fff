package org.povertyalleviation.servicetemplate.notice.domain;

import java.time.Instant;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.domain.VillageCode;

/**
 * A notice a county posts to one of its villages (村务公告). Plain Java: the rules live here and nowhere else.
 *
 * @param withdrawnAt null while the notice stands
 */
public record Notice(UUID id, CountyCode county, VillageCode village, String title, String body, NoticeStatus status,
                     String postedBy, Instant postedAt, Instant withdrawnAt) {

    public static final int MAX_TITLE = 100;
    public static final int MAX_BODY = 2000;

    public Notice {
        if (title == null || title.isBlank() || title.length() > MAX_TITLE) {
            throw new InvalidValueException("title", "must be 1 to " + MAX_TITLE + " characters");
        }
        if (body == null || body.isBlank() || body.length() > MAX_BODY) {
            throw new InvalidValueException("body", "must be 1 to " + MAX_BODY + " characters");
        }
        if (!village.isIn(county)) {
            throw new InvalidValueException("village", "village " + village + " is not in county " + county);
        }
    }

    /** A new notice, posted now. */
    public static Notice post(CountyCode county, String village, String title, String body, String postedBy, Instant now) {
        VillageCode code = InvalidValueException.in("village", () -> VillageCode.of(village));
        return new Notice(UUID.randomUUID(), county, code, title == null ? null : title.strip(), body, NoticeStatus.POSTED, postedBy, now, null);
    }

    /** The notice taken down; a notice is withdrawn once (a second withdrawal clashes with its state: 409). */
    public Notice withdraw(Instant now) {
        if (status == NoticeStatus.WITHDRAWN) {
            throw RuleRefusedException.stateConflict("already-withdrawn", "The notice was withdrawn on " + withdrawnAt);
        }
        return new Notice(id, county, village, title, body, NoticeStatus.WITHDRAWN, postedBy, postedAt, now);
    }
}
