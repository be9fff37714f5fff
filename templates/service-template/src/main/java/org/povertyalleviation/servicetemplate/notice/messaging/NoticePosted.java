package org.povertyalleviation.servicetemplate.notice.messaging;

import java.time.Instant;

import org.povertyalleviation.platform.events.EventType;
import org.povertyalleviation.platform.events.PublishedEvent;
import org.povertyalleviation.servicetemplate.notice.domain.Notice;

/** notice.posted.v1 (this service's events/ catalogue): a notice went up in a village. No personal data. */
@EventType(value = "notice.posted.v1", topic = "notice.events")
public record NoticePosted(String county, String notice, String village, String title, Instant postedAt) implements PublishedEvent {

    public static NoticePosted of(Notice posted) {
        return new NoticePosted(posted.county().value(), posted.id().toString(), posted.village().value(), posted.title(), posted.postedAt());
    }

    @Override
    public String subject() {
        return notice;
    }
}
