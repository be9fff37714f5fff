package org.povertyalleviation.training.certificate.domain;

/** A village's training: people holding a valid certificate now, and person-times in the year. */
public record VillageFigures(String village, String township, String nameZh, boolean poor, long certifiedPeople, long personTimes) {
}
