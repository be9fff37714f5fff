package org.povertyalleviation.householdregistry.household;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.povertyalleviation.householdregistry.household.domain.ResidentId;

/** Registration requests and resident ID numbers (valid, with their check character) for tests. */
public final class HouseholdMother {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100);

    private HouseholdMother() {
    }

    /** A fresh, valid resident ID number of the county's region (never the same twice in a JVM). */
    public static String residentId(String county, String birthDate) {
        int sequence = SEQUENCE.incrementAndGet() % 1000;
        String first17 = county + birthDate + String.format("%03d", sequence);
        return first17 + ResidentId.checkCharacter(first17);
    }

    public static String residentId(String county) {
        return residentId(county, "19800101");
    }

    public static Map<String, Object> member(String name, String relation, String residentId) {
        Map<String, Object> member = new LinkedHashMap<>();
        member.put("name", name);
        member.put("relation", relation);
        member.put("residentId", residentId);
        member.put("phone", "13812345678");
        member.put("labourCapacity", "FULL");
        member.put("health", "HEALTHY");
        member.put("education", "JUNIOR_SECONDARY");
        member.put("ecommerceSkills", List.of("LIVE_STREAMING"));
        return member;
    }

    /** A household of the county's first village with a head and, if given, more members; all guarantees met. */
    @SafeVarargs
    public static Map<String, Object> registration(String county, String fileNumber, String headResidentId, Map<String, Object>... others) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("fileNumber", fileNumber);
        request.put("village", county + "101201");
        request.put("registrationYear", 2016);
        request.put("helperCadre", "王干部");
        request.put("guarantees", Map.of("food", true, "clothing", true, "compulsoryEducation", true, "basicMedicalCare", true,
                "safeHousing", true));
        request.put("causes", List.of("ILLNESS", "LACK_OF_SKILLS"));
        request.put("primaryCause", "ILLNESS");
        request.put("head", member("张三", "HEAD", headResidentId));
        request.put("members", List.of(others));
        return request;
    }
}
