package org.povertyalleviation.training.course.domain;

/** The e-commerce skills the household registry keeps per member (its EcommerceSkill): what a certificate gives. */
public enum Skill {
    SHOP_OPERATION, LIVE_STREAMING, PRODUCT_PHOTOGRAPHY, CUSTOMER_SERVICE, PACKING_AND_SHIPPING
}
