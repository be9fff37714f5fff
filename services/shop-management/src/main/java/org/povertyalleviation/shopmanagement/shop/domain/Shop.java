package org.povertyalleviation.shopmanagement.shop.domain;

import org.povertyalleviation.platform.domain.InvalidValueException;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * A shop's own fields, checked: a name, a village of the county, where it sells and who owns it. A shop owned by a
 * registered poor household names that household, and only such a shop does.
 */
public record Shop(UUID id, String village, String name, SalesPlatform platform, String url, OwnerCategory ownerCategory,
                   UUID ownerHousehold, List<String> productCategories) {

    public Shop {
        if (village == null || !village.matches("\\d{12}")) {
            throw new InvalidValueException("village", "must be a 12-digit village code");
        }
        if (name == null || name.isBlank()) {
            throw new InvalidValueException("name", "is required");
        }
        name = name.strip();
        if (name.length() > 100) {
            throw new InvalidValueException("name", "must be at most 100 characters");
        }
        if (platform == null) {
            throw new InvalidValueException("platform", "is required");
        }
        if (url != null && !url.isBlank()) {
            url = url.strip();
            if (!validUrl(url)) {
                throw new InvalidValueException("url", "must be an http or https address");
            }
        } else {
            url = null;
        }
        if (ownerCategory == null) {
            throw new InvalidValueException("ownerCategory", "is required");
        }
        if (ownerCategory == OwnerCategory.POOR_HOUSEHOLD && ownerHousehold == null) {
            throw new InvalidValueException("ownerHousehold", "is required when the owner is a registered poor household");
        }
        if (ownerCategory != OwnerCategory.POOR_HOUSEHOLD && ownerHousehold != null) {
            throw new InvalidValueException("ownerHousehold", "is given only when the owner category is POOR_HOUSEHOLD");
        }
        productCategories = productCategories == null ? List.of()
                : productCategories.stream().filter(category -> category != null && !category.isBlank()).map(String::strip).distinct().toList();
        if (productCategories.size() > 20 || productCategories.stream().anyMatch(category -> category.length() > 40)) {
            throw new InvalidValueException("productCategories", "at most 20 categories of at most 40 characters each");
        }
    }

    public boolean inCounty(String county) {
        return village.startsWith(county);
    }

    private static boolean validUrl(String url) {
        try {
            URI uri = URI.create(url);
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null
                    && url.length() <= 500;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
