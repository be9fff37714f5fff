package org.povertyalleviation.logisticsbooking.milkrun.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A plan as the list shows it. */
public record MilkRunSummary(UUID id, String township, LocalDate day, PlanStatus status, Instant plannedAt, String plannedBy, UUID replanOf,
                             int budgetSeconds, int vehiclesUsed, int assigned, int unassigned, int totalDriveMinutes, int baselineDriveMinutes,
                             boolean feasible) {

    /** The plan's drive minutes over the baseline's; null when the baseline drives nothing. */
    public Double ratioToBaseline() {
        return PlannedRun.ratio(totalDriveMinutes, baselineDriveMinutes);
    }
}
