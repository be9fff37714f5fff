package org.povertyalleviation.portal.logistics;

/**
 * Logistics booking's answers for Wen County, as its controllers write them: a park, two township stations and a
 * village post; five villages (two covered, three not: two of them poor, one without coordinates); a station's day with
 * two windows and three bookings; a shipment's timeline with a late report; the day's backhaul; a milk run of two
 * vehicles with a locked pickup and a cold one left out.
 */
final class LogisticsMother {

    static final String COUNTY = "621222";
    static final String LOGISTICS = "/api/logistics-booking/counties/" + COUNTY;
    static final String DAY = "2026-12-08";
    static final String PARK = "0b8e2f6c-3d1a-4c7e-9f52-6a4d8b1e7c30";
    static final String STATION = "3f6d2b8a-1c4e-4a7f-9b52-8e0d6c1a7f34";
    static final String OTHER_STATION = "4a7e3c9b-2d5f-4b8a-8c61-9f1e7d2b8a45";
    static final String POST = "5a1c7e3b-9d2f-4b6a-8c40-7e1f3d9b2a65";
    static final String PICKUP_SLOT = "5d2c8e1a-7b3f-4a69-9e04-1c6b8d2f3a57";
    static final String DELIVERY_SLOT = "6e3d9f2b-8c4a-4b7a-8f15-2d7c9e3f4b68";
    /** An uplink pickup from a household, at the township station, with a late report. */
    static final String UPLINK = "7c1e9b52-8f3a-4d6b-a0e4-2b5d9c8f1a37";
    /** A cooperative's cold pickup nobody's return trip takes. */
    static final String COLD_PICKUP = "2d4f6a8c-0e1b-4c3d-9e5f-7a9b1c3d5e70";
    /** Goods brought down to the station, delivered with proof. */
    static final String DOWNLINK = "8d2f0c63-9a4b-4e7c-b1f5-3c6e0d9a2b48";
    static final String HOUSEHOLD = "9e3a1d74-0b5c-4f8d-a2e6-4d7f1e0b3c59";
    static final String VEHICLE = "3f6b2a10-7c4d-4e8f-9a21-5b7c8d9e0f12";
    static final String OTHER_VEHICLE = "4a7c3b21-8d5e-4f9a-8b32-6c8d9e0f1a23";
    static final String CARRIER = "1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d";
    static final String PLAN = "6b8d0f24-1a3c-4e5f-9a7b-8c9d0e1f2a34";
    static final String REPLAN = "7c9e1a35-2b4d-4f6a-8b8c-9d0e1f2a3b45";
    static final String STOP_LOCKED = "1b3d5f79-2c4e-4a6b-8d0f-1e3a5c7b9d02";
    static final String STOP_OTHER = "2c4e6a80-3d5f-4b7c-9e1a-2f4b6d8c0e13";

    private LogisticsMother() {
    }

    static String network() {
        return """
                {"county":"621222","nodes":[
                 {"id":"%s","county":"621222","level":"COUNTY_PARK","name":"文县电商物流园","parent":null,"township":null,"village":null,
                  "address":"城关镇物流大道1号","latitude":32.943100,"longitude":104.683200,"openingHours":"每日 07:00-21:00","operatorKind":"COUNTY",
                  "operatorName":"文县电商中心","coldStorage":true,"createdAt":"2026-11-01T01:00:00Z"},
                 {"id":"%s","county":"621222","level":"TOWNSHIP_STATION","name":"碧口镇快递站","parent":"%s","township":"621222101","village":null,
                  "address":"碧口镇街道12号","latitude":32.745600,"longitude":105.230100,"openingHours":"每日 08:00-18:00","operatorKind":"CARRIER",
                  "operatorName":"陇南邮政速递物流","coldStorage":false,"createdAt":"2026-11-01T02:00:00Z"},
                 {"id":"%s","county":"621222","level":"TOWNSHIP_STATION","name":"范坝镇快递站","parent":"%s","township":"621222102","village":null,
                  "address":"范坝镇中街3号","latitude":32.801000,"longitude":105.002000,"openingHours":"周一至周六 08:00-17:00","operatorKind":"CARRIER",
                  "operatorName":"陇南邮政速递物流","coldStorage":false,"createdAt":"2026-11-01T02:10:00Z"},
                 {"id":"%s","county":"621222","level":"VILLAGE_POST","name":"上坝村服务站","parent":"%s","township":"621222101","village":"621222101201",
                  "address":"上坝村村委会旁","latitude":32.760000,"longitude":105.250000,"openingHours":"每日 09:00-17:00","operatorKind":"VILLAGE_AGENT",
                  "operatorName":"上坝村便民超市","coldStorage":false,"createdAt":"2026-11-02T02:00:00Z"}],
                 "legs":[{"id":"aa000000-0000-4000-8000-000000000001","from":"%s","to":"%s","distanceMetres":58000,"driveMinutes":95},
                         {"id":"aa000000-0000-4000-8000-000000000002","from":"%s","to":"%s","distanceMetres":4200,"driveMinutes":12}]}"""
                .formatted(PARK, STATION, PARK, OTHER_STATION, PARK, POST, STATION, PARK, STATION, STATION, POST);
    }

    /** Within 30 minutes: two villages covered, three gaps (two poor, one of them without coordinates). */
    static String coverage() {
        return """
                {"county":"621222","withinMinutes":30,"villages":5,"covered":2,"poorVillagesUncovered":2,
                 "gaps":[%s,%s,%s],
                 "all":[%s,%s,%s,%s,%s]}""".formatted(HIGH, RIVER, GULLY, UPPER, LOWER, HIGH, RIVER, GULLY);
    }

    private static final String UPPER = """
            {"village":"621222101201","nameZh":"上坝村","township":"621222101","poor":true,"latitude":32.760000,"longitude":105.250000,
             "covered":true,"reason":"OWN_POST","nearestNode":"%s","nearestNodeName":"上坝村服务站","minutes":0}""".formatted(POST);
    private static final String LOWER = """
            {"village":"621222101202","nameZh":"下坝村","township":"621222101","poor":false,"latitude":32.731000,"longitude":105.262000,
             "covered":true,"reason":"WITHIN_REACH","nearestNode":"%s","nearestNodeName":"上坝村服务站","minutes":18}""".formatted(POST);
    private static final String HIGH = """
            {"village":"621222102203","nameZh":"高山村","township":"621222102","poor":true,"latitude":32.912000,"longitude":105.101000,
             "covered":false,"reason":"TOO_FAR","nearestNode":"%s","nearestNodeName":"范坝镇快递站","minutes":75}""".formatted(OTHER_STATION);
    private static final String RIVER = """
            {"village":"621222102204","nameZh":"河坝村","township":"621222102","poor":true,"latitude":null,"longitude":null,
             "covered":false,"reason":"NO_PLACE","nearestNode":null,"nearestNodeName":null,"minutes":null}""";
    private static final String GULLY = """
            {"village":"621222101205","nameZh":"沟门村","township":"621222101","poor":false,"latitude":32.690000,"longitude":105.330000,
             "covered":false,"reason":"TOO_FAR","nearestNode":"%s","nearestNodeName":"碧口镇快递站","minutes":44}""".formatted(STATION);

    static String townships() {
        return """
                [{"code":"621222101","nameZh":"碧口镇"},{"code":"621222102","nameZh":"范坝镇"}]""";
    }

    static String villages() {
        return """
                [{"code":"621222101201","townshipCode":"621222101","nameZh":"上坝村","poor":true},
                 {"code":"621222101202","townshipCode":"621222101","nameZh":"下坝村","poor":false},
                 {"code":"621222102203","townshipCode":"621222102","nameZh":"高山村","poor":true}]""";
    }

    /** The station's pickup window (well booked) and its delivery window. */
    static String slots() {
        return """
                [{"id":"%s","node":"%s","day":"2026-12-08","kind":"PICKUP","windowStart":"09:00:00","windowEnd":"11:00:00","capacityKg":800.000,
                  "capacityParcels":60,"bookedKg":325.500,"bookedParcels":14,"freeKg":474.500,"freeParcels":46,"cold":false,"carrier":"%s"},
                 {"id":"%s","node":"%s","day":"2026-12-08","kind":"DELIVERY","windowStart":"14:00:00","windowEnd":"16:00:00","capacityKg":500.000,
                  "capacityParcels":40,"bookedKg":420.000,"bookedParcels":30,"freeKg":80.000,"freeParcels":10,"cold":false,"carrier":null}]"""
                .formatted(PICKUP_SLOT, STATION, CARRIER, DELIVERY_SLOT, STATION);
    }

    /** The day's bookings at the station, recipients as a village cadre gets them: masked. */
    static String bookings() {
        return "[" + uplink() + "," + coldPickup() + "," + downlink() + "]";
    }

    /** A household's walnuts: picked up, at the township, and a late pickup report scanned offline. */
    static String uplink() {
        return """
                {"id":"%s","county":"621222","direction":"UPLINK","slot":"%s","day":"2026-12-08","windowStart":"09:00:00","windowEnd":"11:00:00",
                 "node":"%s","village":"621222101201","senderKind":"HOUSEHOLD","senderRef":"621222-0001","household":"%s","recipient":"王**",
                 "weightKg":25.500,"parcels":3,"cold":false,"declaredValueFen":120000,"carriesKind":"TRACE_LOT","carriesRef":"K7Q2M9",
                 "priceFen":1290,"subsidyFen":645,"payableFen":645,"carrier":"%s","state":"AT_TOWNSHIP","bookedBy":"cadre-621222101201",
                 "bookedAt":"2026-12-06T02:00:00Z","updatedAt":"2026-12-08T03:00:00Z","timeline":[
                  {"updateId":"scan-1","state":"PICKED_UP","occurredAt":"2026-12-08T01:30:00Z","node":"%s","reason":null,"recipient":null,
                   "photoRef":null,"reportedBy":"partner-wen","receivedAt":"2026-12-08T01:31:00Z","advanced":true},
                  {"updateId":"scan-2","state":"AT_TOWNSHIP","occurredAt":"2026-12-08T03:00:00Z","node":"%s","reason":null,"recipient":null,
                   "photoRef":null,"reportedBy":"partner-wen","receivedAt":"2026-12-08T03:01:00Z","advanced":true},
                  {"updateId":"scan-offline-7","state":"PICKED_UP","occurredAt":"2026-12-08T01:25:00Z","node":"%s","reason":"扫描枪离线，补录",
                   "recipient":null,"photoRef":null,"reportedBy":"cadre-621222101201","receivedAt":"2026-12-08T05:40:00Z","advanced":false}]}"""
                .formatted(UPLINK, PICKUP_SLOT, STATION, HOUSEHOLD, CARRIER, POST, STATION, POST);
    }

    static String coldPickup() {
        return """
                {"id":"%s","county":"621222","direction":"UPLINK","slot":"%s","day":"2026-12-08","windowStart":"09:00:00","windowEnd":"11:00:00",
                 "node":"%s","village":"621222101202","senderKind":"COOPERATIVE","senderRef":"文县核桃专业合作社","household":null,"recipient":"李**",
                 "weightKg":300.000,"parcels":11,"cold":true,"declaredValueFen":900000,"carriesKind":"ORDER_DELIVERY","carriesRef":"PO-2026-0042",
                 "priceFen":15000,"subsidyFen":0,"payableFen":15000,"carrier":null,"state":"BOOKED","bookedBy":"clerk-621222",
                 "bookedAt":"2026-12-06T03:00:00Z","updatedAt":"2026-12-06T03:00:00Z","timeline":[]}"""
                .formatted(COLD_PICKUP, PICKUP_SLOT, STATION);
    }

    /** Fertiliser brought down and signed for: the proof of delivery names the recipient masked too. */
    static String downlink() {
        return """
                {"id":"%s","county":"621222","direction":"DOWNLINK","slot":"%s","day":"2026-12-08","windowStart":"14:00:00","windowEnd":"16:00:00",
                 "node":"%s","village":"621222101201","senderKind":"SHOP","senderRef":"上坝村便民超市","household":null,"recipient":"张**",
                 "weightKg":420.000,"parcels":30,"cold":false,"declaredValueFen":0,"carriesKind":"GOODS","carriesRef":null,
                 "priceFen":4200,"subsidyFen":0,"payableFen":4200,"carrier":"%s","state":"DELIVERED","bookedBy":"clerk-621222",
                 "bookedAt":"2026-12-05T03:00:00Z","updatedAt":"2026-12-08T08:00:00Z","timeline":[
                  {"updateId":"d-1","state":"AT_COUNTY_PARK","occurredAt":"2026-12-08T00:30:00Z","node":"%s","reason":null,"recipient":null,
                   "photoRef":null,"reportedBy":"partner-wen","receivedAt":"2026-12-08T00:31:00Z","advanced":true},
                  {"updateId":"d-2","state":"DELIVERED","occurredAt":"2026-12-08T08:00:00Z","node":"%s","reason":"跳过村站，直接送达",
                   "recipient":"张**","photoRef":"pod/2026/12/08/8d2f0c63.jpg","reportedBy":"partner-wen","receivedAt":"2026-12-08T08:02:00Z",
                   "advanced":true}]}"""
                .formatted(DOWNLINK, DELIVERY_SLOT, STATION, CARRIER, PARK, STATION);
    }

    static String carriers() {
        return """
                [{"id":"%s","county":"621222","name":"陇南邮政速递物流","client":"partner-wen","vehicles":[]}]""".formatted(CARRIER);
    }

    /** The downlink run to 碧口镇 brings the household's walnuts back; the cold pickup fits no return trip. */
    static String backhaul() {
        return """
                {"county":"621222","day":"2026-12-08","uplinkMatched":1,"uplinkUnmatched":1,"emptyKmSaved":58.000,"townships":[
                 {"township":"621222101","station":"%s","stationName":"碧口镇快递站","roadKm":58.000,
                  "runs":[{"vehicle":"%s","plate":"甘K·12345","downKg":420.000,"downParcels":30,"downBookings":["%s"],"upKg":25.500,"upParcels":3,
                           "upBookings":["%s"]},
                          {"vehicle":"%s","plate":"甘K·67890","downKg":0.000,"downParcels":0,"downBookings":[],"upKg":0.000,"upParcels":0,
                           "upBookings":[]}],
                  "downUnloaded":[],"upMatched":["%s"],"upUnmatched":["%s"],"emptyKmSaved":58.000}]}"""
                .formatted(STATION, VEHICLE, DOWNLINK, UPLINK, OTHER_VEHICLE, UPLINK, COLD_PICKUP);
    }

    /** Two vehicles from 碧口镇快递站: one stop locked to 甘K·12345; the cold pickup left out (no cold vehicle). */
    static String milkRun(String id, String status, String replanOf) {
        return """
                {"id":"%s","township":"621222101","day":"2026-12-08","status":"%s","replanOf":%s,"budgetSeconds":10,
                 "plannedAt":"2026-12-07T09:00:00Z","plannedBy":"clerk-621222",
                 "depot":{"node":"%s","name":"碧口镇快递站","latitude":32.7456,"longitude":105.2301},"dayStart":"07:00",
                 "routes":[
                  {"vehicle":{"id":"%s","plate":"甘K·12345","capacityKg":1500,"capacityParcels":120,"cold":false},"leaving":"08:40","back":"10:30",
                   "driveMinutes":58,"routeMinutes":110,"loadKg":25.5,"loadParcels":3,"stops":[
                    {"position":1,"booking":"%s","villageCode":"621222101201","node":"%s","nodeName":"上坝村服务站","latitude":32.76,"longitude":105.25,
                     "arrival":"09:05","window":{"start":"09:00","end":"11:00"},"loadKg":25.5,"parcels":3,"cold":false,"locked":true,
                     "lockedVehicle":"%s"}]},
                  {"vehicle":{"id":"%s","plate":"甘K·67890","capacityKg":800,"capacityParcels":60,"cold":false},"leaving":"08:50","back":"10:05",
                   "driveMinutes":36,"routeMinutes":75,"loadKg":40,"loadParcels":5,"stops":[
                    {"position":1,"booking":"%s","villageCode":"621222101202","node":"%s","nodeName":"下坝村服务站","latitude":32.731,"longitude":105.262,
                     "arrival":"09:20","window":{"start":"09:00","end":"11:00"},"loadKg":40,"parcels":5,"cold":false,"locked":false,
                     "lockedVehicle":null}]}],
                 "unassigned":[{"booking":"%s","villageCode":"621222101202","node":"%s","nodeName":"下坝村服务站","latitude":32.731,"longitude":105.262,
                   "window":{"start":"09:00","end":"11:00"},"loadKg":300,"parcels":11,"cold":true,"reason":"COLD",
                   "message":"no cold vehicle works at the station that day","locked":false,"lockedVehicle":null}],
                 "assigned":2,"totalDriveMinutes":94,"baselineDriveMinutes":131,"baselineUnassigned":1,"ratioToBaseline":0.7176,
                 "score":{"hard":0,"medium":-1,"soft":-94},"feasible":true,"brokenRules":[]}"""
                .formatted(id, status, replanOf == null ? "null" : "\"" + replanOf + "\"", STATION, VEHICLE, STOP_LOCKED, POST, VEHICLE, OTHER_VEHICLE,
                        STOP_OTHER, POST, COLD_PICKUP, POST);
    }

    static String milkRuns() {
        return """
                [{"id":"%s","township":"621222101","day":"2026-12-08","status":"PLANNED","plannedAt":"2026-12-07T09:30:00Z","plannedBy":"clerk-621222",
                  "replanOf":"%s","budgetSeconds":10,"vehiclesUsed":2,"assigned":2,"unassigned":1,"totalDriveMinutes":90,"baselineDriveMinutes":131,
                  "ratioToBaseline":0.687,"feasible":true},
                 {"id":"%s","township":"621222101","day":"2026-12-08","status":"SUPERSEDED","plannedAt":"2026-12-07T09:00:00Z","plannedBy":"clerk-621222",
                  "replanOf":null,"budgetSeconds":10,"vehiclesUsed":2,"assigned":2,"unassigned":1,"totalDriveMinutes":94,"baselineDriveMinutes":131,
                  "ratioToBaseline":0.7176,"feasible":true}]""".formatted(REPLAN, PLAN, PLAN);
    }

    static String problem(int status, String type, String code) {
        return org.povertyalleviation.portal.pages.StubGateway.problem(status, type, code);
    }
}
