package org.povertyalleviation.supplyplatform.product.domain;

/**
 * The certifications a county speciality carries: pollution-free (无公害), green food (绿色食品), organic (有机),
 * geographical indication (地理标志) and the SC food production licence (食品生产许可).
 */
public enum CertificationKind {
    POLLUTION_FREE, GREEN_FOOD, ORGANIC, GEOGRAPHICAL_INDICATION, SC_LICENCE
}
