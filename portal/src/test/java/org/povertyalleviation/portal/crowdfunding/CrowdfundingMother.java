package org.povertyalleviation.portal.crowdfunding;

/**
 * The crowdfunding service's answers for Wen County, as its controllers write them: a Sichuan-pepper project of a
 * household in Shangba (goal 30,000 yuan, 12,345.67 paid: 41 %) in any status; a cooperative's draft; two tiers, one
 * tied to a traced lot; two pledges; a funded settlement with two households' payouts, the money ledger, and two refunds
 * (one still being sent after an error, one confirmed); on delivery, three paid rewards (one on its way, one not booked
 * yet, one returned and to be booked again), the village's post with two pickup windows, and a dispatch that filled its
 * window.
 */
final class CrowdfundingMother {

    static final String COUNTY = "621222";
    static final String CROWDFUNDING = "/api/crowdfunding/counties/" + COUNTY;
    static final String PROJECT = "3b7e1c9a-5d2f-4a68-9c04-7e1d3b5a9f21";
    static final String DRAFT = "4c8f2d0b-6e3a-4b79-8d15-8f2e4c6b0a32";
    static final String TIER = "5d9a3e1c-7f4b-4c8a-9e26-9a3f5d7c1b43";
    static final String LOT_TIER = "6e0b4f2d-8a5c-4d9b-8f37-0b4a6e8d2c54";
    static final String HOUSEHOLD = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37";
    static final String OTHER_HOUSEHOLD = "8d2f0c63-9a4b-4e7c-b1f5-3c6e0d9a2b48";
    static final String PLEDGE = "9e3a1d74-0b5c-4f8d-a2e6-4d7f1e0b3c59";
    static final String PAID_PLEDGE = "0f4b2e85-1c6d-4a9e-b3f7-5e8a2f1c4d60";
    static final String REFUND = "1a5c3f96-2d7e-4b0f-84a8-6f9b3a2d5e71";
    static final String CONFIRMED_REFUND = "2b6d4a07-3e8f-4c1a-95b9-7a0c4b3e6f82";
    static final String UNBOOKED_PLEDGE = "3c7f5b18-4e9a-4d2b-a6c0-8b1d5c4f7a94";
    static final String RETURNED_PLEDGE = "4d8a6c29-5fab-4e3c-b7d1-9c2e6d5a8b05";
    static final String BOOKING = "5e9b7d3a-6abc-4f4d-88e2-0d3f7e6b9c16";
    static final String RETURNED_BOOKING = "6fac8e4b-7bcd-4a5e-99f3-1e4a8f7cad27";
    static final String NEW_BOOKING = "7abd9f5c-8cde-4b6f-8a04-2f5b9a8dbe38";
    static final String TRACE_URL = "https://wenxian.example.cn/api/supply-platform/trace/WX-2099-0042";
    static final String POST = "5a1c7e3b-9d2f-4b6a-8c40-7e1f3d9b2a65";
    static final String STATION = "3f6d2b8a-1c4e-4a7f-9b52-8e0d6c1a7f34";
    static final String WINDOW = "5d2c8e1a-7b3f-4a69-9e04-1c6b8d2f3a57";
    static final String LATER_WINDOW = "6e3d9f2b-8c4a-4b7a-8f15-2d7c9e3f4b68";
    static final String ALTERNATIVE = "8bce0a6d-9def-4c70-9b15-3a6cab9ecf49";

    private CrowdfundingMother() {
    }

    /** The household's project in a status, reviewed by the clerk from SUBMITTED on. */
    static String project(String status) {
        boolean reviewed = !status.equals("DRAFT") && !status.equals("SUBMITTED");
        return """
                {"id":"%s","county":"621222","ownerKind":"HOUSEHOLD","household":"%s","cooperative":null,"village":"621222101201",
                 "title":"石峡村的大红袍花椒，预售今秋新椒","story":"我家种了三亩花椒，今年雨水好。","photos":["projects/2026/shixia-1.jpg"],
                 "goalFen":3000000,"startsAt":"2099-06-01T00:00:00Z","deadline":"2099-07-01T00:00:00Z","deliveryFrom":"2099-07-15",
                 "deliveryTo":"2099-08-15","status":"%s","createdBy":"clerk-621222","createdAt":"2099-05-01T02:00:00Z",
                 "submittedBy":%s,"reviewedBy":%s,"reviewNote":null,"approvedBy":%s,"publishedAt":%s,"settledAt":null,
                 "cancelledBy":null,"cancelReason":null,"deliveredBy":null,"deliveredAt":null,
                 "tiers":[{"id":"%s","position":0,"name":"五斤装花椒","product":"大红袍花椒","quantity":"2.5 kg","weightGrams":2600,"priceFen":19800,
                           "limit":200,"taken":62,"left":138,"lotCode":null,"lotProduct":null},
                          {"id":"%s","position":1,"name":"一斤尝鲜装","product":"大红袍花椒","quantity":"0.5 kg","weightGrams":600,"priceFen":4990,
                           "limit":500,"taken":10,"left":490,"lotCode":"WX-2099-0042","lotProduct":"大红袍花椒（特级）"}],
                 "shares":[{"household":"%s","basisPoints":10000}],
                 "progress":{"paidFen":1234567,"paidPledges":64,"pendingFen":19800,"pendingPledges":1,"backers":60,"percent":41}}"""
                .formatted(PROJECT, HOUSEHOLD, status, status.equals("DRAFT") ? "null" : "\"clerk-621222\"",
                        reviewed ? "\"clerk-621222\"" : "null", published(status) ? "\"admin-621222\"" : "null",
                        published(status) ? "\"2099-06-01T00:00:00Z\"" : "null", TIER, LOT_TIER, HOUSEHOLD);
    }

    /** The household's project returned to its draft by the clerk's review, with the note. */
    static String returnedDraft() {
        return project("DRAFT").replace("\"reviewedBy\":null", "\"reviewedBy\":\"clerk-621222\"")
                .replace("\"reviewNote\":null", "\"reviewNote\":\"故事里的亩产数字请与村里核实\"");
    }

    private static boolean published(String status) {
        return Crowdfunding.PUBLISHED_OR_LATER.contains(status);
    }

    /** The list: the published project, and a cooperative's draft with nothing paid. */
    static String projects() {
        return "[" + project("PUBLISHED") + ",\n" + """
                {"id":"%s","county":"621222","ownerKind":"COOPERATIVE","household":null,"cooperative":"石峡村花椒专业合作社","village":"621222101202",
                 "title":"合作社核桃预售","story":"核桃。","photos":[],"goalFen":5000000,"startsAt":"2099-09-01T00:00:00Z",
                 "deadline":"2099-10-01T00:00:00Z","deliveryFrom":"2099-10-10","deliveryTo":"2099-11-10","status":"DRAFT","createdBy":"clerk-621222",
                 "createdAt":"2099-05-02T02:00:00Z","submittedBy":null,"reviewedBy":null,"reviewNote":null,"approvedBy":null,"publishedAt":null,
                 "settledAt":null,"cancelledBy":null,"cancelReason":null,"deliveredBy":null,"deliveredAt":null,"tiers":[],
                 "shares":[{"household":"%s","basisPoints":6666},{"household":"%s","basisPoints":3334}],
                 "progress":{"paidFen":0,"paidPledges":0,"pendingFen":0,"pendingPledges":0,"backers":0,"percent":0}}]"""
                .formatted(DRAFT, HOUSEHOLD, OTHER_HOUSEHOLD);
    }

    static String pledges() {
        return """
                [{"id":"%s","tier":"%s","client":"partner-jd","backerRef":"jd-u-8f2a61c0","quantity":2,"amountFen":39600,
                  "paymentPartner":"partner-pay","status":"PAID","createdAt":"2099-06-02T02:00:00Z","paidAt":"2099-06-02T02:01:00Z"},
                 {"id":"%s","tier":"%s","client":"partner-jd","backerRef":"jd-u-11aa22bb","quantity":1,"amountFen":19800,
                  "paymentPartner":"partner-pay","status":"PENDING","createdAt":"2099-06-03T02:00:00Z","paidAt":null}]"""
                .formatted(PAID_PLEDGE, TIER, PLEDGE, TIER);
    }

    /** Funded: 30,500 yuan raised of 30,000; one refund pending; nothing paid out yet but the payouts' parts are known. */
    static String settlement() {
        return """
                {"project":"%s","status":"FUNDED",
                 "settlement":{"outcome":"FUNDED","raisedFen":3050000,"goalFen":3000000,"paidPledges":150,"droppedPledges":3,"refunds":2,
                               "settledAt":"2099-07-01T00:05:00Z"},
                 "payouts":[{"household":"%s","basisPoints":6666,"amountFen":2033130,"paidOn":null},
                            {"household":"%s","basisPoints":3334,"amountFen":1016870,"paidOn":null}],
                 "money":{"inFen":3050000,"refundedFen":4990,"paidOutFen":0,"balanceFen":3045010,"pendingRefundFen":19800,"pendingRefunds":1,
                          "latest":[{"id":"3c7e5b18-4f9a-4d2b-a6ca-8b1d5c4f7a93","kind":"REFUND_CONFIRMED","amountFen":4990,"pledge":null,
                                     "refund":"%s","household":null,"bookedAt":"2099-07-02T03:00:00Z"}]}}"""
                .formatted(PROJECT, HOUSEHOLD, OTHER_HOUSEHOLD, CONFIRMED_REFUND);
    }

    static String unsettled() {
        return """
                {"project":"%s","status":"PUBLISHED","settlement":null,"payouts":[],
                 "money":{"inFen":1234567,"refundedFen":0,"paidOutFen":0,"balanceFen":1234567,"pendingRefundFen":0,"pendingRefunds":0,"latest":[]}}"""
                .formatted(PROJECT);
    }

    static String refunds() {
        return """
                [{"id":"%s","pledge":"%s","project":"%s","amountFen":19800,"reason":"UNDELIVERED","note":"快递丢件，支持者同意退款","status":"SENT",
                  "attempts":3,"nextAttemptAt":"2099-07-03T03:00:20Z","lastError":"partner answered 503","requestedAt":"2099-07-03T02:00:00Z",
                  "confirmedAt":null,"paymentPartner":"partner-pay"},
                 {"id":"%s","pledge":"%s","project":"%s","amountFen":4990,"reason":"LATE_PAYMENT","note":null,"status":"CONFIRMED",
                  "attempts":1,"nextAttemptAt":"2099-07-02T02:00:05Z","lastError":null,"requestedAt":"2099-07-02T02:00:00Z",
                  "confirmedAt":"2099-07-02T03:00:00Z","paymentPartner":"partner-pay"}]"""
                .formatted(REFUND, PAID_PLEDGE, PROJECT, CONFIRMED_REFUND, PLEDGE, PROJECT);
    }

    static String villages() {
        return """
                [{"code":"621222101201","townshipCode":"621222101","nameZh":"上坝村","poor":true,"latitude":32.9,"longitude":104.7},
                 {"code":"621222101202","townshipCode":"621222101","nameZh":"石峡村","poor":false,"latitude":null,"longitude":null}]""";
    }

    static String townships() {
        return """
                [{"code":"621222101","nameZh":"碧口镇"}]""";
    }

    /**
     * The paid rewards: two of the lot-tied tier (one picked up and at the township station, one returned), and two
     * of the tier without a lot, not booked.
     */
    static String deliveries() {
        return """
                [{"pledge":"%s","client":"partner-jd","backerRef":"jd-u-8f2a61c0","quantity":1,"tier":"%s","tierName":"一斤尝鲜装",
                  "lotCode":"WX-2099-0042","traceUrl":"%s","shipment":{"booking":"%s","state":"AT_TOWNSHIP","updatedAt":"2099-07-16T02:30:00Z"}},
                 {"pledge":"%s","client":"partner-jd","backerRef":"jd-u-11aa22bb","quantity":2,"tier":"%s","tierName":"五斤装花椒",
                  "lotCode":null,"traceUrl":null,"shipment":null},
                 {"pledge":"%s","client":"partner-pdd","backerRef":"pdd-7731","quantity":1,"tier":"%s","tierName":"一斤尝鲜装",
                  "lotCode":"WX-2099-0042","traceUrl":"%s","shipment":{"booking":"%s","state":"RETURNED","updatedAt":"2099-07-18T09:00:00Z"}}]"""
                .formatted(PAID_PLEDGE, LOT_TIER, TRACE_URL, BOOKING, UNBOOKED_PLEDGE, TIER, RETURNED_PLEDGE, LOT_TIER, TRACE_URL, RETURNED_BOOKING);
    }

    /** Every reward delivered. */
    static String delivered() {
        return """
                [{"pledge":"%s","client":"partner-jd","backerRef":"jd-u-8f2a61c0","quantity":1,"tier":"%s","tierName":"一斤尝鲜装",
                  "lotCode":"WX-2099-0042","traceUrl":"%s","shipment":{"booking":"%s","state":"DELIVERED","updatedAt":"2099-07-20T06:00:00Z"}}]"""
                .formatted(PAID_PLEDGE, LOT_TIER, TRACE_URL, BOOKING);
    }

    /** Logistics booking's network: Bikou's station and Shangba's post (the project's village). */
    static String network() {
        return """
                {"county":"621222","nodes":[
                 {"id":"%s","county":"621222","level":"TOWNSHIP_STATION","name":"碧口镇快递站","parent":null,"township":"621222101","village":null},
                 {"id":"%s","county":"621222","level":"VILLAGE_POST","name":"上坝村服务站","parent":"%s","township":"621222101","village":"621222101201"}],
                 "legs":[]}""".formatted(STATION, POST, STATION);
    }

    /** The post's next pickup windows with room. */
    static String windows() {
        return """
                [{"id":"%s","node":"%s","day":"2099-07-20","kind":"PICKUP","windowStart":"09:00:00","windowEnd":"11:00:00","capacityKg":800,
                  "capacityParcels":60,"bookedKg":795.5,"bookedParcels":58,"freeKg":4.5,"freeParcels":2,"cold":false,"carrier":null},
                 {"id":"%s","node":"%s","day":"2099-07-21","kind":"PICKUP","windowStart":"14:00:00","windowEnd":"16:00:00","capacityKg":800,
                  "capacityParcels":60,"bookedKg":0,"bookedParcels":0,"freeKg":800,"freeParcels":60,"cold":false,"carrier":null}]"""
                .formatted(WINDOW, POST, LATER_WINDOW, POST);
    }

    /** The window took one reward and was then full: one left, and logistics booking's next windows with room. */
    static String dispatchFilledTheWindow() {
        return """
                {"booked":[{"pledge":"%s","booking":"%s"}],"remaining":1,
                 "alternatives":[{"slot":"%s","day":"2099-07-21","windowStart":"14:00","windowEnd":"16:00","freeKg":800,"freeParcels":60},
                                 {"slot":"%s","day":"2099-07-22","windowStart":"09:00","windowEnd":"12:00","freeKg":120.5,"freeParcels":9}]}"""
                .formatted(UNBOOKED_PLEDGE, NEW_BOOKING, LATER_WINDOW, ALTERNATIVE);
    }
}
