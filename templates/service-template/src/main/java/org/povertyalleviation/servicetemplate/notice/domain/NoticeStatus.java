package org.povertyalleviation.servicetemplate.notice.domain;

/** A notice stands (POSTED) until the county withdraws it. */
public enum NoticeStatus {
    POSTED, WITHDRAWN
}
