package org.povertyalleviation.training.course.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * A course the county offers: its level, hours, whom it is for, the skill its certificate gives, and what a
 * certificate takes (a share of the sittings attended, an assessment passed) and how long it lasts.
 *
 * @param skill       the e-commerce skill a certificate gives a registered member; null for one that gives none
 * @param validMonths how long a certificate stays valid; null: it does not expire
 */
public record Course(UUID id, CountyCode county, String title, CourseLevel level, BigDecimal hours, Set<TargetGroup> targetGroups, Skill skill,
                     int attendancePercent, boolean assessment, Integer validMonths, Instant createdAt) {

    public static final int MAX_TITLE = 100;

    public Course {
        if (title == null || title.isBlank() || title.strip().length() > MAX_TITLE) {
            throw new InvalidValueException("title", "must be 1 to " + MAX_TITLE + " characters");
        }
        title = title.strip();
        if (level == null) {
            throw new InvalidValueException("level", "is required");
        }
        if (hours == null || hours.signum() <= 0 || hours.compareTo(BigDecimal.valueOf(1000)) > 0 || hours.stripTrailingZeros().scale() > 1) {
            throw new InvalidValueException("hours", "must be more than 0 and at most 1000, in tenths of an hour");
        }
        if (targetGroups == null || targetGroups.isEmpty()) {
            throw new InvalidValueException("targetGroups", "must name at least one group");
        }
        targetGroups = Set.copyOf(new TreeSet<>(targetGroups));
        if (attendancePercent < 1 || attendancePercent > 100) {
            throw new InvalidValueException("attendancePercent", "must be 1 to 100");
        }
        if (validMonths != null && (validMonths < 1 || validMonths > 120)) {
            throw new InvalidValueException("validMonths", "must be 1 to 120, or absent for a certificate that does not expire");
        }
    }

    public static Course offer(CountyCode county, String title, CourseLevel level, BigDecimal hours, Set<TargetGroup> targetGroups, Skill skill,
                               int attendancePercent, boolean assessment, Integer validMonths, Instant now) {
        return new Course(UUID.randomUUID(), county, title, level, hours, targetGroups, skill, attendancePercent, assessment, validMonths, now);
    }
}
