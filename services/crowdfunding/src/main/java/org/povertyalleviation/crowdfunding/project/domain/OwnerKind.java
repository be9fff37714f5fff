package org.povertyalleviation.crowdfunding.project.domain;

/** Who runs a project: one registered household, or a cooperative with the households that share its proceeds. */
public enum OwnerKind {
    HOUSEHOLD, COOPERATIVE
}
