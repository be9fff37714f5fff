package org.povertyalleviation.countyregistry.village;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VillageListTest {

    private static final String HEADER = "township_code,township_name,village_code,village_name,poor";

    @Test
    void a_good_file_gives_townships_and_villages() {
        VillageList.Parsed parsed = VillageList.parse("621222", HEADER + ",latitude,longitude\n"
                + "621222101,城关镇,621222101201,上坝村,true,32.95,104.68\n"
                + "621222101,城关镇,621222101202,下坝村,false,,\n");

        assertThat(parsed.accepted()).isTrue();
        assertThat(parsed.townships()).containsExactly(new VillageList.Township("621222101", "城关镇"));
        assertThat(parsed.villages()).extracting(VillageList.Village::code, VillageList.Village::poor, VillageList.Village::latitude)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("621222101201", true, 32.95),
                        org.assertj.core.groups.Tuple.tuple("621222101202", false, null));
    }

    @Test
    void each_bad_line_is_reported_with_its_number() {
        VillageList.Parsed parsed = VillageList.parse("621222", HEADER + "\n"
                + "621222101,城关镇,621222101201,上坝村,true\n"
                + "621222101,城关镇,621222101201,重复村,true\n"
                + "621224101,城关镇,621224101201,康县村,true\n"
                + "621222101,桥头镇,621222101203,改名村,true\n"
                + "621222102,碧口镇,621222101204,错乡村,yes\n"
                + "621222102,碧口镇\n");

        assertThat(parsed.accepted()).isFalse();
        assertThat(parsed.rejections()).extracting(VillageList.Rejection::line).containsExactly(3, 4, 5, 6, 7);
        assertThat(parsed.rejections().get(0).reason()).contains("also on line 2");
        assertThat(parsed.rejections().get(1).reason()).contains("is not 621222 followed by 3 digits");
        assertThat(parsed.rejections().get(2).reason()).contains("named 城关镇 on an earlier line");
        assertThat(parsed.rejections().get(3).reason()).contains("township's code").contains("poor must be true or false");
        assertThat(parsed.rejections().get(4).reason()).contains("expected 5 or 7 columns");
    }

    @Test
    void a_file_without_the_header_or_without_villages_is_refused() {
        assertThat(VillageList.parse("621222", "code,name\n1,2").rejections()).singleElement()
                .satisfies(rejection -> assertThat(rejection.reason()).contains("header"));
        assertThat(VillageList.parse("621222", HEADER).rejections()).singleElement()
                .satisfies(rejection -> assertThat(rejection.reason()).contains("no villages"));
    }
}
