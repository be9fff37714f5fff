package org.povertyalleviation.countyregistry.county;

import java.time.Instant;

import org.povertyalleviation.platform.domain.CountyCode;

/** A county, the platform's tenant. Its city and province follow from its code (GB/T 2260). */
public record County(CountyCode code, String nameZh, String nameEn, Status status, Instant joinedAt, Instant suspendedAt) {

    public enum Status { JOINED, SUSPENDED }

    public static String cityOf(CountyCode code) {
        return code.value().substring(0, 4) + "00";
    }

    public static String provinceOf(CountyCode code) {
        return code.value().substring(0, 2) + "0000";
    }

    public boolean suspended() {
        return status == Status.SUSPENDED;
    }
}
