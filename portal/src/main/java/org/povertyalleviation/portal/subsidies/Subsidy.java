package org.povertyalleviation.portal.subsidies;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A subsidy application as shop management answers it. */
record Subsidy(UUID id, String county, UUID household, UUID shop, long amountFen, String status, String submittedBy,
               Instant submittedAt, String decidedBy, Instant decidedAt, Integer budgetYear, String rejectionReason,
               LocalDate paidOn, String paymentReference) {

    /** What the queue shows beside the application: whose shop and which household. */
    record Row(Subsidy subsidy, String shopName, String fileNumber, String headName) {
    }

    record Budget(int year, long budgetFen, long committedFen, long remainingFen) {
    }
}
