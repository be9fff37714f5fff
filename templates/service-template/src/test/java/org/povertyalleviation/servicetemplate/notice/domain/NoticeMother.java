package org.povertyalleviation.servicetemplate.notice.domain;

import java.time.Instant;

import org.povertyalleviation.platform.domain.CountyCode;

/** Notices for tests. */
public final class NoticeMother {

    private NoticeMother() {
    }

    public static Notice posted(CountyCode county, String village) {
        return Notice.post(county, village, "花椒收购价公示", "本周合作社花椒收购价每公斤 82 元。", "clerk-" + county, Instant.parse("2026-12-04T02:00:00Z"));
    }
}
