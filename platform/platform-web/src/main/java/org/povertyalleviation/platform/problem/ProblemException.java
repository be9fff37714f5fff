package org.povertyalleviation.platform.problem;

import java.net.URI;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error a service answers on purpose, rendered as an RFC 9457 problem. Subclasses name the kinds; the
 * message is the {@code detail} shown to people, so it must not carry personal data.
 */
public abstract class ProblemException extends RuntimeException {

    private final HttpStatus status;
    private final URI type;
    private final String title;
    private final Map<String, Object> properties;
    private final Map<String, String> headers;

    protected ProblemException(HttpStatus status, URI type, String title, String detail, Map<String, Object> properties) {
        this(status, type, title, detail, properties, Map.of());
    }

    /** @param headers response headers that belong to the answer, e.g. {@code Retry-After} on a 429 or 503 */
    protected ProblemException(HttpStatus status, URI type, String title, String detail, Map<String, Object> properties,
                               Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.properties = Map.copyOf(properties);
        this.headers = Map.copyOf(headers);
    }

    public Map<String, String> headers() {
        return headers;
    }

    public HttpStatus status() {
        return status;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(type);
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
