package org.povertyalleviation.householdregistry.household.messaging;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import java.util.function.Consumer;

import org.povertyalleviation.householdregistry.household.SkillCertificates;
import org.povertyalleviation.householdregistry.household.domain.EcommerceSkill;
import org.povertyalleviation.platform.consuming.EventListeners;
import org.povertyalleviation.platform.events.EventCodec;
import org.povertyalleviation.platform.events.EventEnvelope;
import org.povertyalleviation.platform.events.MalformedEventException;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import reactor.core.publisher.Mono;

/**
 * The training service's certificates (training.certificate-issued.v1, training.certificate-revoked.v1) keep the
 * e-commerce skills of the members they name (SkillCertificates: which certificate gave which skill, and what a
 * revocation takes off). A certificate of a holder who is not a registered member (no household and member) and one
 * that gives no skill change nothing here. The registry is the source of members: a household or member the county
 * does not have, or a member of another household, makes the event malformed (dead letter), as does data of another
 * county than the envelope's.
 */
@Configuration(proxyBeanMethods = false)
class TrainingSkillsConsumer {

    static final String ISSUED = "training.certificate-issued.v1";
    static final String REVOKED = "training.certificate-revoked.v1";

    /** The fields of training.certificate-issued.v1 and training.certificate-revoked.v1 this service reads. */
    record CertificateChanged(String county, String certificate, String household, String member, String skill, String issuedOn,
                              String expiresOn, String revokedAt) {
    }

    @Bean
    Consumer<Message<byte[]>> trainingSkills(EventListeners listeners, EventCodec codec, SkillCertificates skills) {
        return listeners.idempotent("training-certificates-to-skills", event -> {
            boolean issued = event.type().equals(ISSUED);
            if (!issued && !event.type().equals(REVOKED)) {
                return Mono.empty();
            }
            CertificateChanged changed = codec.data(event, CertificateChanged.class);
            // The envelope's county chose the transaction (and row-level security); data of another county would be
            // applied to the wrong one.
            if (!event.county().equals(changed.county())) {
                throw malformed(event, "names county " + changed.county() + ", not its envelope's " + event.county(), null);
            }
            if (changed.household() == null && changed.member() == null || changed.skill() == null) {
                return Mono.empty();
            }
            UUID certificate;
            UUID household;
            UUID member;
            EcommerceSkill skill;
            try {
                certificate = UUID.fromString(changed.certificate());
                household = UUID.fromString(changed.household());
                member = UUID.fromString(changed.member());
                skill = EcommerceSkill.valueOf(changed.skill());
            } catch (IllegalArgumentException | NullPointerException e) {
                throw malformed(event, "has no valid certificate, household, member or skill", e);
            }
            Mono<Void> effect;
            try {
                effect = issued
                        ? skills.issued(changed.county(), new SkillCertificates.Issued(certificate, household, member, skill,
                                LocalDate.parse(changed.issuedOn()), changed.expiresOn() == null ? null : LocalDate.parse(changed.expiresOn())))
                        : skills.revoked(changed.county(), new SkillCertificates.Revoked(certificate, household, member, skill,
                                revokedAt(changed.revokedAt())));
            } catch (NullPointerException | DateTimeParseException e) {
                throw malformed(event, "has no valid " + (issued ? "issuedOn or expiresOn" : "revokedAt"), e);
            }
            // Not retried: an unknown member would be unknown on every attempt; the dead letter keeps the event.
            return effect
                    .onErrorMap(NotFoundException.class, unknown -> malformed(event, "names household " + household + " and member " + member
                            + ", which county " + changed.county() + " does not have together", unknown))
                    .onErrorMap(ConflictException.class, conflict -> malformed(event, conflict.getMessage(), conflict));
        });
    }

    private static Instant revokedAt(String value) {
        return OffsetDateTime.parse(value).toInstant();
    }

    private static MalformedEventException malformed(EventEnvelope event, String problem, Throwable cause) {
        return new MalformedEventException(event.type() + " " + event.id() + " " + problem, cause);
    }
}
