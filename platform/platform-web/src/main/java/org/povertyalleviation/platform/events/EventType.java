package org.povertyalleviation.platform.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The versioned type and the topic of a {@link PublishedEvent} record, named explicitly (never after the class). */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** The CloudEvents type, past tense and versioned, e.g. {@code shop.opened.v1}. */
    String value();

    /** The Kafka topic, e.g. {@code shop.events}. */
    String topic();
}
