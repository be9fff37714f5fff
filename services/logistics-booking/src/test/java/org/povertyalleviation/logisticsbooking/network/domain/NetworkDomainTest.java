package org.povertyalleviation.logisticsbooking.network.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.povertyalleviation.logisticsbooking.Refusals.refusedField;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.CountyCode;

class NetworkDomainTest {

    static final CountyCode WEN = CountyCode.of("621222");

    static Node park() {
        return Node.add(WEN, NodeLevel.COUNTY_PARK, "物流园", null, null, null, "城关", Place.of(32.95, 104.68), "全天", OperatorKind.COUNTY, "县商务局", true,
                Instant.EPOCH);
    }

    static Node station(Node park, String township, double latitude, double longitude) {
        return Node.add(WEN, NodeLevel.TOWNSHIP_STATION, "站 " + township, park.id(), township, null, "镇上", Place.of(latitude, longitude), "08-18",
                OperatorKind.CARRIER, "邮政", false, Instant.EPOCH);
    }

    static Node post(Node station, String village, double latitude, double longitude) {
        return Node.add(WEN, NodeLevel.VILLAGE_POST, "村邮站 " + village, station.id(), null, village, "村委会", Place.of(latitude, longitude), "08-18",
                OperatorKind.VILLAGE_AGENT, "小卖部", false, Instant.EPOCH);
    }

    @Test
    void each_level_stands_where_it_belongs() {
        Node park = park();
        Node station = station(park, "621222101", 33.0, 104.7);
        Node post = post(station, "621222101201", 33.05, 104.75);
        assertThat(post.township()).isEqualTo("621222101");
        post.checkParent(station);
        assertThat(refusedField(() -> post.checkParent(park))).isEqualTo("parent");
        assertThat(refusedField(() -> post(station(park, "621222102", 33, 104), "621222101201", 33, 104).checkParent(station(park, "621222102", 33, 104))))
                .isEqualTo("parent");
        assertThat(refusedField(() -> station(park, "621224101", 33, 104))).isEqualTo("township");
        assertThat(refusedField(() -> post(station, "621224101201", 33, 104))).isEqualTo("village");
        assertThat(refusedField(() -> Node.add(WEN, NodeLevel.COUNTY_PARK, "园", UUID.randomUUID(), null, null, "a", Place.of(1, 1), "h",
                OperatorKind.COUNTY, "o", false, Instant.EPOCH))).isEqualTo("parent");
        assertThat(refusedField(() -> Place.of(90.5, 1))).isEqualTo("latitude");
        assertThat(refusedField(() -> Leg.add(WEN, park.id(), park.id(), 1, 1))).isEqualTo("to");
    }

    @Test
    void drives_take_the_shortest_chain_of_legs_by_time_or_distance_and_estimate_where_none_joins() {
        Node park = park();
        Node a = station(park, "621222101", 33.0, 104.7);
        Node b = station(park, "621222102", 33.1, 104.8);
        Node lonely = station(park, "621222103", 33.2, 104.9);
        DriveTimes drives = DriveTimes.over(List.of(park.stop(), a.stop(), b.stop(), lonely.stop()), List.of(
                Leg.add(WEN, park.id(), a.id(), 30_000, 50).road(), Leg.add(WEN, a.id(), b.id(), 12_000, 20).road(),
                Leg.add(WEN, park.id(), b.id(), 35_000, 90).road()));
        assertThat(drives.minutes(park.id(), b.id())).isEqualTo(70);
        assertThat(drives.metres(park.id(), b.id())).isEqualTo(35_000);
        assertThat(drives.minutes(b.id(), park.id())).isEqualTo(70);
        assertThat(drives.minutes(park.id(), lonely.id())).isEqualTo(park.place().estimatedDriveMinutesTo(lonely.place())).isPositive();
        // About 11.1 km north: × 1.4 at 30 km/h is 31.1 minutes, rounded up.
        assertThat(Place.of(33.0, 104.7).estimatedDriveMinutesTo(Place.of(33.1, 104.7))).isEqualTo(32);
    }

    @Test
    void coverage_counts_own_posts_reach_and_gaps() {
        Node park = park();
        Node station = station(park, "621222101", 33.0, 104.7);
        Node post = post(station, "621222101201", 33.05, 104.75);
        List<Coverage.Village> villages = List.of(new Coverage.Village("621222101201", "621222101", "有站村", true, null),
                new Coverage.Village("621222101202", "621222101", "近村", true, Place.of(33.06, 104.76)),
                new Coverage.Village("621222102201", "621222102", "远村", true, Place.of(33.6, 105.3)),
                new Coverage.Village("621222102202", "621222102", "无坐标村", false, null));
        Coverage.Result result = Coverage.of(30, villages, List.of(park, station, post));
        assertThat(result.villages()).extracting(coverage -> coverage.reason())
                .containsExactly(Coverage.Reason.OWN_POST, Coverage.Reason.WITHIN_REACH, Coverage.Reason.TOO_FAR, Coverage.Reason.NO_PLACE);
        assertThat(result.covered()).isEqualTo(2);
        assertThat(result.poorVillagesUncovered()).isEqualTo(1);
        assertThat(result.villages().get(1).nearestNode()).isEqualTo(post.id());
        assertThat(Coverage.of(30, villages, List.of(park)).villages().get(1).reason()).isEqualTo(Coverage.Reason.NO_NODES);
        assertThat(refusedField(() -> Coverage.of(-1, villages, List.of()))).isEqualTo("withinMinutes");
    }
}
