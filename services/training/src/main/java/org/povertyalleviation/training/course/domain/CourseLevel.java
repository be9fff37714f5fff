package org.povertyalleviation.training.course.domain;

/** What a course teaches, from the first steps online to running a live-streamed shop; cadre courses for village cadres. */
public enum CourseLevel {
    BASICS, SHOP_OPERATION, LIVE_STREAMING, PRODUCT_PHOTOGRAPHY, PACKAGING_AND_LOGISTICS, CUSTOMER_SERVICE, CADRE
}
