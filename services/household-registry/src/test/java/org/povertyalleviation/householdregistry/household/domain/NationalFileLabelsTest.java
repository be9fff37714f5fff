package org.povertyalleviation.householdregistry.household.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.platform.domain.InvalidValueException;

class NationalFileLabelsTest {

    @Test
    void the_causes_clerks_write_in_the_national_file_are_read() {
        List<String> labels = List.of("因病", "因残", "因学", "缺技术", "缺劳力", "缺资金", "缺土地", "缺水", "因灾", "交通条件落后", "自身发展动力不足");
        assertThat(labels.stream().map(label -> NationalFileLabels.parse(PovertyCause.class, label)).toList()).containsExactly(
                PovertyCause.ILLNESS, PovertyCause.DISABILITY, PovertyCause.LACK_OF_EDUCATION, PovertyCause.LACK_OF_SKILLS,
                PovertyCause.LACK_OF_LABOUR, PovertyCause.LACK_OF_FUNDS, PovertyCause.LACK_OF_LAND, PovertyCause.LACK_OF_WATER,
                PovertyCause.NATURAL_DISASTER, PovertyCause.POOR_TRANSPORT, PovertyCause.LACK_OF_DRIVE);
    }

    @Test
    void labour_capacity_education_and_relation_labels_are_read_as_well_as_the_codes() {
        assertThat(NationalFileLabels.parse(LabourCapacity.class, "有劳动力")).isEqualTo(LabourCapacity.FULL);
        assertThat(NationalFileLabels.parse(LabourCapacity.class, "丧失劳动力")).isEqualTo(LabourCapacity.NONE);
        assertThat(NationalFileLabels.parse(LabourCapacity.class, "无劳动力")).isEqualTo(LabourCapacity.NONE);
        assertThat(NationalFileLabels.parse(Education.class, "小学")).isEqualTo(Education.PRIMARY);
        assertThat(NationalFileLabels.parse(Education.class, "初中")).isEqualTo(Education.JUNIOR_SECONDARY);
        assertThat(NationalFileLabels.parse(Relation.class, "之子")).isEqualTo(Relation.CHILD);
        assertThat(NationalFileLabels.parse(Relation.class, " head ")).isEqualTo(Relation.HEAD);
        assertThat(NationalFileLabels.parse(Health.class, "chronic illness")).isEqualTo(Health.CHRONIC_ILLNESS);
    }

    @Test
    void every_value_of_every_field_exports_a_label_that_reads_back_as_itself() {
        for (Class<? extends Enum<?>> type : List.of(PovertyCause.class, Relation.class, LabourCapacity.class, Health.class,
                Education.class, EcommerceSkill.class)) {
            for (Enum<?> value : type.getEnumConstants()) {
                assertThat((Object) parse(type, NationalFileLabels.zh(value))).as(value.toString()).isEqualTo(value);
            }
        }
    }

    @Test
    void an_unknown_word_is_refused_naming_the_labels_a_clerk_may_write() {
        assertThatThrownBy(() -> NationalFileLabels.parse(PovertyCause.class, "缺钱")).isInstanceOf(InvalidValueException.class)
                .hasMessageContaining("\"缺钱\" is not one of 因病, 因残").hasMessageContaining("缺资金").hasMessageContaining("LACK_OF_FUNDS");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class type, String text) {
        return NationalFileLabels.parse(type, text);
    }
}
