package org.povertyalleviation.supplyplatform.trace.domain;

/** Why a trace event happened: the GS1 EPCIS 2.0 business steps a farm product passes through (CBV bizStep). */
public enum BusinessStep {
    HARVESTING, INSPECTING, PROCESSING, PACKING, SHIPPING, RECEIVING
}
