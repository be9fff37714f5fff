package org.povertyalleviation.portal.county;

import java.util.Locale;

/** A county as the county registry describes it; the portal shows its name in the reader's language. */
public record County(String code, String nameZh, String nameEn, String city, String province, String status) {

    public String name(Locale locale) {
        return "en".equals(locale.getLanguage()) && nameEn != null && !nameEn.isBlank() ? nameEn : nameZh;
    }
}
