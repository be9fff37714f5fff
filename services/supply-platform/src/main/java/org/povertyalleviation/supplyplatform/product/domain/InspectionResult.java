package org.povertyalleviation.supplyplatform.product.domain;

/** A lab's verdict on a sample; a FAIL suspends the product until a PASS. */
public enum InspectionResult {
    PASS, FAIL
}
