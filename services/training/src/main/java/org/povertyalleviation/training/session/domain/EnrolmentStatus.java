package org.povertyalleviation.training.session.domain;

public enum EnrolmentStatus {
    ENROLLED, WAITLISTED, CANCELLED
}
