package org.povertyalleviation.logisticsbooking.network.domain;

/** Who runs a node: a logistics company, a village agent (often the village shop), or the county itself. */
public enum OperatorKind {
    CARRIER, VILLAGE_AGENT, COUNTY
}
