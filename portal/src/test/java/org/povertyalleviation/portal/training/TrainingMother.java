package org.povertyalleviation.portal.training;

/**
 * The training service's answers for Wen County, as its controllers write them: two courses; a session far ahead (so
 * that it is never over) with three enrolled, two waiting and one cancelled, names masked as the service gives them to a
 * village cadre; its two sittings with their check-ins (a late one, a duplicate, a lecturer's mark); a certificate; a
 * session that is over; the coverage of a year in four villages, one of them without coordinates.
 */
final class TrainingMother {

    static final String COUNTY = "621222";
    static final String TRAINING = "/api/training/counties/" + COUNTY;
    static final String COURSE = "9a4c2e7b-3f1d-4b86-8e52-0c7a9d1f6b38";
    static final String CADRE_COURSE = "8b3d1f6a-2e0c-4a75-9d41-1b6c8e0f5a27";
    static final String SESSION = "5e1a7c3d-8b2f-4d69-a0e4-6c2b9d8f1e53";
    static final String PAST_SESSION = "6f2b8d4e-9c3a-4e7a-b1f5-7d3c0e9a2f64";
    static final String SITTING = "1c7e3a9b-5d2f-4b8c-9e60-3a1d7f5b9c02";
    static final String OTHER_SITTING = "2d8f4b0c-6e3a-4c9d-8f71-4b2e8a6c0d13";
    static final String HOUSEHOLD = "9e3a1d74-0b5c-4f8d-a2e6-4d7f1e0b3c59";
    static final String MEMBER = "2b8e6f1a-4c7d-4e39-9a05-d1c3b7e8f264";
    /** A registered member: attended both sittings, passed. */
    static final String WANG = "4e7a1c2b-9d3f-4b68-a05e-3c1d7f9b2e84";
    /** Anyone by name: attended one sitting of two, not assessed. */
    static final String LI = "5f8b2d3c-0e4a-4c79-b16f-4d2e8a0c3f95";
    /** Has the session's certificate. */
    static final String ZHAO = "6a9c3e4d-1f5b-4d8a-827a-5e3f9b1d4a06";
    static final String SUN = "7b0d4f5e-2a6c-4e9b-938b-6f4a0c2e5b17";
    static final String ZHOU = "8c1e5a6f-3b7d-4fac-a49c-7a5b1d3f6c28";
    static final String WU = "9d2f6b7a-4c8e-4abd-b5ad-8b6c2e4a7d39";
    static final String CERTIFICATE = "3e9a5c1d-7f4b-4d0e-a682-5c3f9b7d1e24";

    private TrainingMother() {
    }

    static String courses() {
        return "[" + course() + ",\n" + """
                {"id":"%s","county":"621222","title":"村干部电商带头人","level":"CADRE","hours":12.5,"targetGroups":["VILLAGE_CADRE"],"skill":null,
                 "attendancePercent":100,"assessment":false,"validMonths":null,"createdAt":"2026-11-02T02:00:00Z"}]""".formatted(CADRE_COURSE);
    }

    static String course() {
        return """
                {"id":"%s","county":"621222","title":"网店运营实操","level":"SHOP_OPERATION","hours":24.0,
                 "targetGroups":["POOR_HOUSEHOLD_MEMBER","RETURNING_YOUTH"],"skill":"SHOP_OPERATION","attendancePercent":80,"assessment":true,
                 "validMonths":24,"createdAt":"2026-11-01T02:00:00Z"}""".formatted(COURSE);
    }

    /** The list: each session with how many wait, and no enrolments. */
    static String sessions() {
        return """
                [{"id":"%s","county":"621222","course":"%s","placeKind":"VILLAGE","township":"621222101","village":"621222101201",
                  "address":"上坝村村委会会议室","lecturer":"陇南电商学院 李老师","capacity":3,"enrolled":3,"waitlisted":0,"startsOn":"2020-05-10",
                  "endsOn":"2020-05-11","partnerClient":null,"enrolments":null},
                 {"id":"%s","county":"621222","course":"%s","placeKind":"COUNTY_COLLEGE","township":null,"village":null,
                  "address":"县电商学院201教室","lecturer":"王老师","capacity":3,"enrolled":3,"waitlisted":2,"startsOn":"2099-03-10",
                  "endsOn":"2099-03-12","partnerClient":"partner-wen","enrolments":null}]"""
                .formatted(PAST_SESSION, CADRE_COURSE, SESSION, COURSE);
    }

    /** The session as the service shows it to a village cadre: names and phones masked; enrolments by status, then in order. */
    static String session() {
        return """
                {"id":"%s","county":"621222","course":"%s","placeKind":"COUNTY_COLLEGE","township":null,"village":null,
                 "address":"县电商学院201教室","lecturer":"王老师","capacity":3,"enrolled":3,"waitlisted":2,"startsOn":"2099-03-10",
                 "endsOn":"2099-03-12","partnerClient":"partner-wen","enrolments":[
                  %s,
                  %s,
                  %s,
                  %s,
                  %s,
                  %s]}"""
                .formatted(SESSION, COURSE,
                        enrolment(WU, null, null, "621222101202", "吴**", "137****0000", "OTHER", "CANCELLED", null, "2026-12-01T01:00:00Z"),
                        enrolment(WANG, HOUSEHOLD, MEMBER, "621222101201", "王**", "138****5678", "POOR_HOUSEHOLD_MEMBER", "ENROLLED", true,
                                "2026-12-01T02:00:00Z"),
                        enrolment(LI, null, null, null, "李**", "139****1234", "RETURNING_YOUTH", "ENROLLED", null, "2026-12-01T03:00:00Z"),
                        enrolment(ZHAO, null, null, "621222101202", "赵**", null, "OTHER", "ENROLLED", true, "2026-12-01T04:00:00Z"),
                        enrolment(SUN, null, null, "621222102203", "孙**", "135****2222", "POOR_HOUSEHOLD_MEMBER", "WAITLISTED", null,
                                "2026-12-02T01:00:00Z"),
                        enrolment(ZHOU, null, null, null, "周**", null, "GRADUATE", "WAITLISTED", null, "2026-12-02T02:00:00Z"));
    }

    /** The session after Wang's cancellation: Sun moved up from the waitlist. */
    static String sessionAfterCancellation() {
        return session().replace("\"status\":\"ENROLLED\",\"appPerson\":null,\"assessmentPassed\":true,\"enrolledAt\":\"2026-12-01T02:00:00Z\"",
                        "\"status\":\"CANCELLED\",\"appPerson\":null,\"assessmentPassed\":true,\"enrolledAt\":\"2026-12-01T02:00:00Z\"")
                .replace("\"status\":\"WAITLISTED\",\"appPerson\":null,\"assessmentPassed\":null,\"enrolledAt\":\"2026-12-02T01:00:00Z\"",
                        "\"status\":\"ENROLLED\",\"appPerson\":null,\"assessmentPassed\":null,\"enrolledAt\":\"2026-12-02T01:00:00Z\"");
    }

    static String enrolment(String id, String household, String member, String village, String name, String phone, String group, String status,
                            Boolean passed, String at) {
        return """
                {"id":"%s","session":"%s","household":%s,"member":%s,"village":%s,"name":"%s","phone":%s,"targetGroup":"%s","status":"%s",\
                "appPerson":null,"assessmentPassed":%s,"enrolledAt":"%s"}"""
                .formatted(id, SESSION, quoted(household), quoted(member), quoted(village), name, quoted(phone), group, status, passed, at);
    }

    static String cancellation(String promoted) {
        return """
                {"cancelled":%s,"promoted":%s}"""
                .formatted(enrolment(WANG, HOUSEHOLD, MEMBER, "621222101201", "王**", "138****5678", "POOR_HOUSEHOLD_MEMBER", "CANCELLED", true,
                                "2026-12-01T02:00:00Z"),
                        promoted == null ? "null" : enrolment(promoted, null, null, "621222102203", "孙**", "135****2222", "POOR_HOUSEHOLD_MEMBER",
                                "ENROLLED", null, "2026-12-02T01:00:00Z"));
    }

    static String sittings() {
        return """
                [{"id":"%s","session":"%s","startsAt":"2099-03-11T01:00:00Z","endsAt":"2099-03-11T04:00:00Z"},
                 {"id":"%s","session":"%s","startsAt":"2099-03-10T01:00:00Z","endsAt":"2099-03-10T04:00:00Z"}]"""
                .formatted(OTHER_SITTING, SESSION, SITTING, SESSION);
    }

    static String sitting(String id, String startsAt, String endsAt) {
        return """
                {"id":"%s","session":"%s","startsAt":"%s","endsAt":"%s"}""".formatted(id, SESSION, startsAt, endsAt);
    }

    /** The first sitting: Wang by QR (and again, a duplicate), Li late with the six digits, Zhao by QR. */
    static String attendance() {
        return """
                {"sitting":%s,"enrolled":3,"checkedIn":3,"late":1,"duplicates":1,"manual":0,"checkIns":[
                  {"checkIn":%s,"name":"王**"},
                  {"checkIn":%s,"name":"李**"},
                  {"checkIn":%s,"name":"赵**"},
                  {"checkIn":%s,"name":"王**"}]}"""
                .formatted(sitting(SITTING, "2099-03-10T01:00:00Z", "2099-03-10T04:00:00Z"),
                        checkIn("a1000000-0000-4000-8000-000000000001", SITTING, WANG, "QR", "2099-03-10T00:55:12Z", true, null, null, "app"),
                        checkIn("a1000000-0000-4000-8000-000000000002", SITTING, LI, "CODE", "2099-03-10T01:21:40Z", true, "LATE", null, "app"),
                        checkIn("a1000000-0000-4000-8000-000000000003", SITTING, ZHAO, "QR", "2099-03-10T00:58:03Z", true, null, null, "app"),
                        checkIn("a1000000-0000-4000-8000-000000000004", SITTING, WANG, "QR", "2099-03-10T01:02:30Z", false, "DUPLICATE", null, "app"));
    }

    /** The second sitting: Wang marked present by the lecturer, Zhao by QR. */
    static String otherAttendance() {
        return """
                {"sitting":%s,"enrolled":3,"checkedIn":2,"late":0,"duplicates":0,"manual":1,"checkIns":[
                  {"checkIn":%s,"name":"王**"},
                  {"checkIn":%s,"name":"赵**"}]}"""
                .formatted(sitting(OTHER_SITTING, "2099-03-11T01:00:00Z", "2099-03-11T04:00:00Z"),
                        checkIn("a1000000-0000-4000-8000-000000000005", OTHER_SITTING, WANG, "MANUAL", "2099-03-11T01:10:00Z", true, null,
                                "老人无智能手机，讲师现场确认", "cadre-621222101201"),
                        checkIn("a1000000-0000-4000-8000-000000000006", OTHER_SITTING, ZHAO, "QR", "2099-03-11T00:59:00Z", true, null, null, "app"));
    }

    static String checkIn(String id, String sitting, String enrolment, String method, String at, boolean counted, String flag, String reason,
                          String recordedBy) {
        return """
                {"id":"%s","sitting":"%s","enrolment":"%s","method":"%s","at":"%s","counted":%s,"flag":%s,"reason":%s,"recordedBy":"%s"}"""
                .formatted(id, sitting, enrolment, method, at, counted, quoted(flag), quoted(reason), recordedBy);
    }

    static String screen() {
        return """
                {"sitting":"%s","token":"%s.4096352011.Zk3xQ1mN8pLw2Rt","fallbackCode":"482913","validUntil":"2099-03-10T01:30:30Z",
                 "refreshSeconds":30,"enrolled":3,"checkedIn":3,"late":1,"duplicates":1,"manual":0}"""
                .formatted(SITTING, SITTING);
    }

    static String certificate(String standing) {
        return """
                {"id":"%s","county":"621222","code":"K7Q2M9XA","verifyPage":"https://verify.example.org/api/training/verify/K7Q2M9XA/page",
                 "enrolment":"%s","session":"%s","course":"%s","courseTitle":"网店运营实操","skill":"SHOP_OPERATION","holder":"赵**","household":null,
                 "member":null,"village":"621222101202","issuedOn":"2099-03-12","expiresOn":"2101-03-12","standing":"%s","revokedReason":%s,
                 "revokedAt":%s,"issuedBy":"clerk-621222"}"""
                .formatted(CERTIFICATE, ZHAO, SESSION, COURSE, standing, "REVOKED".equals(standing) ? "\"考勤记录经核查为代签\"" : "null",
                        "REVOKED".equals(standing) ? "\"2099-04-01T02:00:00Z\"" : "null");
    }

    static String certificates() {
        return "[" + certificate("VALID") + "]";
    }

    /** A year's coverage: Shangba has certified people; Xiaba, Gaoshan (poor) and Heba (poor, no coordinates) none. */
    static String coverage() {
        return """
                {"county":"621222","year":2026,"personTimes":3,"certifiedPeople":2,"villages":4,"villagesWithCertified":1,"poorVillagesWithout":2,
                 "gaps":[%s,%s,%s],"all":[%s,%s,%s,%s]}"""
                .formatted(village("621222101202", "下坝村", false, 0, 0), village("621222102203", "高山村", true, 0, 0),
                        village("621222102204", "河坝村", true, 0, 0), village("621222101201", "上坝村", true, 2, 3),
                        village("621222101202", "下坝村", false, 0, 0), village("621222102203", "高山村", true, 0, 0),
                        village("621222102204", "河坝村", true, 0, 0));
    }

    private static String village(String code, String name, boolean poor, long people, long times) {
        return """
                {"village":"%s","township":"%s","nameZh":"%s","poor":%s,"certifiedPeople":%d,"personTimes":%d}"""
                .formatted(code, code.substring(0, 9), name, poor, people, times);
    }

    /** The county registry's villages, with their places (Heba has none). */
    static String villages() {
        return """
                [{"code":"621222101201","townshipCode":"621222101","nameZh":"上坝村","poor":true,"latitude":32.76,"longitude":105.25},
                 {"code":"621222101202","townshipCode":"621222101","nameZh":"下坝村","poor":false,"latitude":32.731,"longitude":105.262},
                 {"code":"621222102203","townshipCode":"621222102","nameZh":"高山村","poor":true,"latitude":32.812,"longitude":104.998},
                 {"code":"621222102204","townshipCode":"621222102","nameZh":"河坝村","poor":true,"latitude":null,"longitude":null}]""";
    }

    static String townships() {
        return """
                [{"code":"621222101","nameZh":"碧口镇"},{"code":"621222102","nameZh":"范坝镇"}]""";
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
