package org.povertyalleviation.portal.shops;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Shop management's answers, as the shop pages use them. */
final class Shop {

    private Shop() {
    }

    record Link(UUID household, String fileNumber, String role, String rule, BigDecimal sharePercent, Long fixedAmountFen,
                Instant linkedAt) {
    }

    record Detail(UUID id, String county, String village, String name, String platform, String url, String ownerCategory,
                  UUID ownerHousehold, List<String> productCategories, String status, String statusReason, Instant statusChangedAt,
                  Instant openedAt, List<Link> households) {
    }

    record SalesReport(String month, int orders, long grossFen, long refundsFen, long netFen, int revision) {
    }

    record Village(String village, String township, String nameZh, int openShops) {
    }

    record Township(String township, int poorVillages, int coveredPoorVillages, List<Village> covered, List<Village> uncovered) {
    }

    record Coverage(String county, int poorVillages, int coveredPoorVillages, int uncoveredPoorVillages, List<Township> townships) {
    }
}
