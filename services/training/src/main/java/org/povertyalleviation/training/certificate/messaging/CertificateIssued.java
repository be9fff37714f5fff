package org.povertyalleviation.training.certificate.messaging;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.training.certificate.domain.Certificate;
import org.povertyalleviation.training.course.domain.Course;

/**
 * training.certificate-issued.v1 (docs/events/): the household registry gives the member the course's skill. No
 * personal data: the holder's name stays here. Keyed by certificate, so its revocation follows it in order.
 */
@EventType(value = "training.certificate-issued.v1", topic = "training.events")
public record CertificateIssued(String county, String certificate, String household, String member, String village, String skill, String course,
                                String issuedOn, String expiresOn) implements PublishedEvent {

    public static CertificateIssued of(Certificate certificate, Course course) {
        return new CertificateIssued(certificate.county().value(), certificate.id().toString(),
                certificate.household() == null ? null : certificate.household().toString(), certificate.member() == null ? null : certificate.member().toString(),
                certificate.village() == null ? null : certificate.village().value(), course.skill() == null ? null : course.skill().name(),
                course.id().toString(), certificate.issuedOn().toString(), certificate.expiresOn() == null ? null : certificate.expiresOn().toString());
    }

    @Override
    public String subject() {
        return certificate;
    }
}
