package org.povertyalleviation.portal.dashboard;

import java.util.Map;

/** The two services' county statistics, as their /statistics endpoints answer them. */
final class Statistics {

    private Statistics() {
    }

    record Households(int total, Map<String, Integer> byStatus) {
    }

    record SourceIncome(long totalFen, long perMemberFen) {
    }

    record EcommerceIncome(long totalFen, long perMemberFen, Map<String, SourceIncome> bySource) {
    }

    record HouseholdStatistics(String county, int year, Households households, int members, int liftedInYear,
                               EcommerceIncome ecommerceIncome) {
    }

    record Shops(int total, Map<String, Integer> byStatus) {
    }

    record Subsidies(Map<String, Integer> byStatus, Long budgetFen, Long committedFen) {
    }

    record Coverage(int poorVillages, int coveredPoorVillages, int uncoveredPoorVillages) {
    }

    record ShopStatistics(String county, int year, Shops shops, Subsidies subsidies, Coverage coverage) {
    }

    record UncoveredVillage(String village, String township, String nameZh, int openShops) {
    }

    /** One county's figures side by side with others' (the city officer's comparison). */
    record CountyFigures(org.povertyalleviation.portal.county.County county, HouseholdStatistics households, ShopStatistics shops) {
    }
}
