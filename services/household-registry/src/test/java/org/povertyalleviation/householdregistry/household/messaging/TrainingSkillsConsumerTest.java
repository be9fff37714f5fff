package org.povertyalleviation.householdregistry.household.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.povertyalleviation.householdregistry.household.domain.EcommerceSkill;
import org.povertyalleviation.platform.contracts.EventCatalogue;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import tools.jackson.databind.json.JsonMapper;

/** The consumer's own record reads the training service's catalogued examples. */
class TrainingSkillsConsumerTest {

    private final EventCodec codec = new EventCodec(JsonMapper.builder().build());

    @Test
    void the_trimmed_record_reads_the_training_services_examples() {
        for (String type : List.of(TrainingSkillsConsumer.ISSUED, TrainingSkillsConsumer.REVOKED)) {
            EventEnvelope event = codec.read(EventCatalogue.example(type).getBytes(StandardCharsets.UTF_8));
            TrainingSkillsConsumer.CertificateChanged changed = codec.data(event, TrainingSkillsConsumer.CertificateChanged.class);

            assertThat(event.type()).isEqualTo(type);
            assertThat(changed.county()).isEqualTo(event.county());
            assertThat(changed.certificate()).isEqualTo(event.subject());
            assertThat(changed.household()).hasSize(36);
            assertThat(changed.member()).hasSize(36);
            assertThat(EcommerceSkill.valueOf(changed.skill())).isEqualTo(EcommerceSkill.SHOP_OPERATION);
        }
        TrainingSkillsConsumer.CertificateChanged issued = codec.data(
                codec.read(EventCatalogue.example(TrainingSkillsConsumer.ISSUED).getBytes(StandardCharsets.UTF_8)),
                TrainingSkillsConsumer.CertificateChanged.class);
        assertThat(LocalDate.parse(issued.issuedOn())).isBefore(LocalDate.parse(issued.expiresOn()));
        TrainingSkillsConsumer.CertificateChanged revoked = codec.data(
                codec.read(EventCatalogue.example(TrainingSkillsConsumer.REVOKED).getBytes(StandardCharsets.UTF_8)),
                TrainingSkillsConsumer.CertificateChanged.class);
        assertThat(OffsetDateTime.parse(revoked.revokedAt())).isNotNull();
        assertThat(revoked.issuedOn()).isNull();
    }
}
