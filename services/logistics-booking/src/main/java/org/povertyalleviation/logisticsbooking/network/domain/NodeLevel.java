package org.povertyalleviation.logisticsbooking.network.domain;

/** The three levels of the county's network (县级物流园 – 乡镇快递站 – 村级服务站), from the top. */
public enum NodeLevel {
    COUNTY_PARK, TOWNSHIP_STATION, VILLAGE_POST;

    /** The level a node of this level hangs under; none for the county's park. */
    public NodeLevel parentLevel() {
        return switch (this) {
            case COUNTY_PARK -> null;
            case TOWNSHIP_STATION -> COUNTY_PARK;
            case VILLAGE_POST -> TOWNSHIP_STATION;
        };
    }
}
