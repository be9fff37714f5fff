package org.povertyalleviation.platform.domain;

import java.time.ZoneId;

/**
 * The platform's calendar is China's: a sales month, a ledger year or a budget year turns at midnight in Beijing,
 * whatever zone a server runs in (the platform's {@code Clock} bean uses it).
 */
public final class ChinaTime {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ChinaTime() {
    }
}
