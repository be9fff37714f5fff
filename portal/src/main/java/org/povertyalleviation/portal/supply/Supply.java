package org.povertyalleviation.portal.supply;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The supply platform's answers, as the supply pages use them. */
final class Supply {

    private Supply() {
    }

    record Organisation(UUID id, String kind, String name, String legalId, String contactName, String village, Long members,
                        Instant registeredAt) {
    }

    record Member(UUID household, String fileNumber, String village, LocalDate joinedOn) {
    }

    record Product(UUID id, UUID organisation, String name, String category, String unit, String requiredCertification, boolean listed,
                   LocalDate listingChangedOn, List<String> reasons) {
    }

    record Certification(UUID id, UUID product, String kind, String issuer, String number, LocalDate validFrom, LocalDate validTo) {
    }

    record Inspection(UUID id, String sample, LocalDate sampledOn, String result, String lab, String report) {
    }

    record ReferencePrice(String month, long priceFen, String source) {
    }

    record Shareholding(UUID id, UUID household, String fileNumber, String kind, long amountFen, LocalDate investedOn, String terms) {
    }

    record Part(UUID household, String fileNumber, long stakeFen, long amountFen) {
    }

    record Dividend(UUID id, UUID organisation, int year, Integer rateBasisPoints, Long declaredFen, long totalFen, LocalDate paidOn,
                    long households, List<Part> parts) {
    }

    record OrderSummary(UUID id, UUID organisation, UUID product, int season, long priceFen) {
    }

    record OrderHousehold(UUID household, String fileNumber) {
    }

    record Order(UUID id, UUID organisation, UUID product, int season, long priceFen, List<OrderHousehold> households, long deliveries,
                 BigDecimal deliveredQuantity, long amountFen, long premiumFen, long paidFen, Instant agreedAt) {
    }

    record Delivery(UUID id, UUID household, String fileNumber, LocalDate deliveredOn, BigDecimal quantity, String grade, long referencePriceFen, long amountFen,
                    long premiumFen, String status, LocalDate paidOn, int revision) {
    }

    record Workshop(UUID id, UUID organisation, String name, String village, Long unpaidRecords, Long unpaidFen, Long belowMinimum,
                    Long dailyMinimumFen) {
    }

    record Wage(UUID id, UUID household, String fileNumber, String worker, LocalDate workedOn, String basis, String task, Integer pieces, long amountFen,
                boolean belowMinimum, UUID payday) {
    }

    record Payday(UUID id, LocalDate paidOn, LocalDate paidThrough, int records, long totalFen, String paidBy) {
    }

    /** A lot as a product's list shows it (the service lists them newest harvest first). */
    record LotSummary(UUID id, String code, String lotNumber, BigDecimal quantity, LocalDate harvestDate, String grade, boolean published) {
    }

    /** A part of one lot taken into another by a split or a merge. */
    record LotPart(UUID parent, UUID child, BigDecimal quantity) {
    }

    /**
     * One lot. {@code households} are ids the page only counts: a lot's public page names households by number only,
     * and so does the portal's.
     */
    record Lot(UUID id, UUID product, UUID organisation, UUID base, String code, String codeUri, String lotNumber, BigDecimal quantity,
               BigDecimal remaining, LocalDate harvestDate, String grade, boolean published, List<String> publicSteps, List<LotPart> parents,
               List<LotPart> children, List<UUID> households, String createdBy, Instant createdAt) {

        /** Whether a step shows on the lot's public page: only a published lot has one, and it shows only the steps chosen. */
        public boolean showsPublicly(String step) {
            return published && publicSteps.contains(step);
        }
    }

    record TraceEvent(UUID id, UUID lot, String eventId, String businessStep, Instant eventTime, String readPoint, BigDecimal latitude,
                      BigDecimal longitude, BigDecimal quantity, String note, String recordedBy, Instant recordedAt) {
    }

    record PrintRun(UUID id, UUID lot, int labels, String createdBy, Instant createdAt) {
    }

    record CopySuspicion(String serial, UUID lot, String reason, int scans, int places, Instant raisedAt) {
    }
}
