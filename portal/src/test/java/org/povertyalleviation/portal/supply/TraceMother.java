package org.povertyalleviation.portal.supply;

/**
 * The supply platform's answers for one product with lots, as its LotController writes them: a walnut harvest lot
 * split into a packed lot, published with its harvest and packing steps public.
 */
final class TraceMother {

    static final String COUNTY = "621222";
    static final String SUPPLY = "/api/supply-platform/counties/" + COUNTY;
    static final String ORGANISATION = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30";
    static final String PRODUCT = "e2a9c6f1-4b7d-4e3a-9c58-1f0d8b6e2a73";
    static final String HARVEST_LOT = "3f6d2b8a-1c4e-4a7f-9b52-8e0d6c1a7f34";
    static final String PACKED_LOT = "5a1c7e3b-9d2f-4b6a-8c40-7e1f3d9b2a65";
    static final String PRINT_RUN = "9c2e4a6b-1d3f-4e5a-8b7c-6d0e2f4a1b39";
    static final String HOUSEHOLD_A = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37";
    static final String HOUSEHOLD_B = "2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e70";

    private TraceMother() {
    }

    static String organisation() {
        return """
                {"id":"%s","kind":"COOPERATIVE","name":"文县核桃专业合作社","legalId":"93621222MA00000001","contactName":"李","village":null,
                 "members":12,"registeredAt":"2026-01-05T02:00:00Z"}""".formatted(ORGANISATION);
    }

    static String product() {
        return """
                {"id":"%s","organisation":"%s","name":"文县核桃","category":"WALNUT","unit":"KG","requiredCertification":null,"listed":true,
                 "listingChangedOn":null,"reasons":[]}""".formatted(PRODUCT, ORGANISATION);
    }

    /** Newest harvest first, as the service lists them. */
    static String lotsOfProduct() {
        return """
                [{"id":"%s","code":"K7Q2M9","lotNumber":"WD-2026-09-03-A","quantity":500.000,"harvestDate":"2026-09-03","grade":"一级","published":true},
                 {"id":"%s","code":"H3X8P1","lotNumber":"WD-2026-09-03","quantity":1250.500,"harvestDate":"2026-09-03","grade":"特级","published":false}]"""
                .formatted(PACKED_LOT, HARVEST_LOT);
    }

    /** The packed lot: published, harvesting and packing public, made from the harvest lot, supplied by two households. */
    static String packedLot() {
        return """
                {"id":"%s","county":"%s","product":"%s","organisation":"%s","base":null,"code":"K7Q2M9",
                 "codeUri":"https://trace.example.org/t/K7Q2M9","lotNumber":"WD-2026-09-03-A","quantity":500.000,"remaining":320.000,
                 "harvestDate":"2026-09-03","grade":"一级","published":true,"publicSteps":["HARVESTING","PACKING"],
                 "parents":[{"parent":"%s","child":"%s","quantity":500.000}],"children":[],"households":["%s","%s"],
                 "createdBy":"clerk-621222","createdAt":"2026-09-04T01:00:00Z"}"""
                .formatted(PACKED_LOT, COUNTY, PRODUCT, ORGANISATION, HARVEST_LOT, PACKED_LOT, HOUSEHOLD_A, HOUSEHOLD_B);
    }

    static String harvestLot() {
        return """
                {"id":"%s","county":"%s","product":"%s","organisation":"%s","base":"%s","code":"H3X8P1",
                 "codeUri":"https://trace.example.org/t/H3X8P1","lotNumber":"WD-2026-09-03","quantity":1250.500,"remaining":750.500,
                 "harvestDate":"2026-09-03","grade":"特级","published":false,"publicSteps":[],
                 "parents":[],"children":[{"parent":"%s","child":"%s","quantity":500.000}],"households":["%s"],
                 "createdBy":"clerk-621222","createdAt":"2026-09-03T09:00:00Z"}"""
                .formatted(HARVEST_LOT, COUNTY, PRODUCT, ORGANISATION, ORGANISATION, HARVEST_LOT, PACKED_LOT, HOUSEHOLD_A);
    }

    /** The harvest (of the parent lot, public), the packing (public) and the shipping with its private note (private). */
    static String events() {
        return """
                [{"id":"11111111-1111-4111-8111-111111111111","lot":"%s","eventId":"urn:uuid:a","businessStep":"HARVESTING",
                  "eventTime":"2026-09-03T00:30:00Z","readPoint":"碧口镇核桃基地","latitude":32.745600,"longitude":105.230100,"quantity":1250.500,
                  "note":null,"recordedBy":"clerk-621222","recordedAt":"2026-09-03T09:00:00Z"},
                 {"id":"22222222-2222-4222-8222-222222222222","lot":"%s","eventId":"urn:uuid:b","businessStep":"PACKING",
                  "eventTime":"2026-09-05T02:00:00Z","readPoint":"合作社包装车间","latitude":null,"longitude":null,"quantity":500.000,
                  "note":null,"recordedBy":"clerk-621222","recordedAt":"2026-09-05T02:10:00Z"},
                 {"id":"33333333-3333-4333-8333-333333333333","lot":"%s","eventId":"urn:uuid:c","businessStep":"SHIPPING",
                  "eventTime":"2026-09-06T08:30:00Z","readPoint":"碧口镇快递站","latitude":null,"longitude":null,"quantity":180.000,
                  "note":"冷链车 甘K·12345","recordedBy":"partner-demo","recordedAt":"2026-09-06T08:31:00Z"}]"""
                .formatted(HARVEST_LOT, PACKED_LOT, PACKED_LOT);
    }

    static String printRuns() {
        return """
                [{"id":"%s","lot":"%s","labels":180,"createdBy":"clerk-621222","createdAt":"2026-09-05T03:00:00Z"}]"""
                .formatted(PRINT_RUN, PACKED_LOT);
    }

    static String suspicions() {
        return """
                [{"serial":"K7Q2M9-000042","lot":"%s","reason":"MANY_PLACES","scans":9,"places":4,"raisedAt":"2026-10-02T06:00:00Z"},
                 {"serial":"K7Q2M9-000107","lot":"%s","reason":"MANY_SCANS","scans":214,"places":1,"raisedAt":"2026-10-01T06:00:00Z"}]"""
                .formatted(PACKED_LOT, PACKED_LOT);
    }

    static String forbidden() {
        return """
                {"type":"urn:poverty-platform:problem:forbidden","title":"Forbidden","status":403,"detail":"role village-cadre may not"}""";
    }
}
