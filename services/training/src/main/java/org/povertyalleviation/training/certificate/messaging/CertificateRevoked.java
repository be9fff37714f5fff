package org.povertyalleviation.training.certificate.messaging;

import java.time.Instant;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.training.certificate.domain.Certificate;
import org.povertyalleviation.training.course.domain.Course;

/** training.certificate-revoked.v1 (docs/events/): the certificate no longer counts. The reason stays here. Keyed by certificate. */
@EventType(value = "training.certificate-revoked.v1", topic = "training.events")
public record CertificateRevoked(String county, String certificate, String household, String member, String skill, String course, Instant revokedAt)
        implements PublishedEvent {

    public static CertificateRevoked of(Certificate certificate, Course course) {
        return new CertificateRevoked(certificate.county().value(), certificate.id().toString(),
                certificate.household() == null ? null : certificate.household().toString(), certificate.member() == null ? null : certificate.member().toString(),
                course.skill() == null ? null : course.skill().name(), course.id().toString(), certificate.revokedAt());
    }

    @Override
    public String subject() {
        return certificate;
    }
}
