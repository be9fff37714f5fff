package org.povertyalleviation.shopmanagement.shop.domain;

/** Where the shop sells. */
public enum SalesPlatform {
    TAOBAO, JD, PINDUODUO, DOUYIN, WECHAT_MINI_SHOP, OWN_SITE, OTHER
}
