package org.povertyalleviation.portal.households;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The household registry's answers, as the household pages use them (personal data arrives masked). */
final class Household {

    private Household() {
    }

    record Summary(UUID id, String fileNumber, String village, String status, int registrationYear, String primaryCause,
                   String headName, String headResidentId, int members) {
    }

    record Member(UUID id, String name, String relation, String residentId, int age, String sex, String phone,
                  String labourCapacity, String health, String education) {
    }

    record Detail(UUID id, String county, String fileNumber, String village, int registrationYear, String status,
                  String statusReason, Instant statusChangedAt, String helperCadre, List<String> causes, String primaryCause,
                  List<Member> members) {
    }

    record IncomeEntry(UUID id, String month, String source, long amountFen, String origin, int revision, String recordedBy,
                       String note, Instant recordedAt) {
    }

    record IncomeSummary(int year, int members, long incomeFen, long perCapitaIncomeFen, long ecommerceIncomeFen,
                         long ecommercePerCapitaIncomeFen, Map<String, Long> bySourceFen, Map<String, Long> byMonthFen,
                         Long povertyLineFen, Boolean aboveLine) {
    }

    /** Shop management's answer for one household: the shops it owns or is linked to. */
    record Shops(List<LinkedShop> shops) {
    }

    /** @param relation OWNER or LINKED; role (SUPPLIER, EMPLOYEE, SHAREHOLDER) only for a link */
    record LinkedShop(UUID shop, String name, String status, String relation, String role) {
    }
}
