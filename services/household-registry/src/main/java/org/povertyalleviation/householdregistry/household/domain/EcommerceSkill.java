package org.povertyalleviation.householdregistry.household.domain;

/** E-commerce skills a member has (from training or experience); the shop and training services look for them. */
public enum EcommerceSkill {
    SHOP_OPERATION, LIVE_STREAMING, PRODUCT_PHOTOGRAPHY, CUSTOMER_SERVICE, PACKING_AND_SHIPPING
}
