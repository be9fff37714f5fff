package org.povertyalleviation.portal.gateway;

import java.util.List;

/**
 * A service's refusal (RFC 9457 problem) as the portal needs it: what kind, which rule or reason, which fields.
 * Pages show it translated (ProblemMessages); the service's English text is kept only for the log.
 *
 * @param status        HTTP status
 * @param type          the last segment of the problem type URI (invalid-request, conflict, rule-violated, …)
 * @param code          the rule (422) or reason (409) the service named, if any
 * @param field         the field the rule or reason concerns, if any
 * @param invalidParams the fields a 400 names, each with the service's reason
 * @param detail        the service's own explanation (English; logged, never shown)
 * @param correlationId the request's id, shown so that a user can quote it to support
 */
public record ServiceProblem(int status, String type, String code, String field, List<InvalidParam> invalidParams,
                             String detail, String correlationId) {

    public record InvalidParam(String name, String reason) {
    }

    /** The status of the page that shows this refusal: the service's own, but a service failure is the portal's 502. */
    public int pageStatus() {
        return status >= 500 ? 502 : status;
    }

    /** Carries a problem through a reactive chain to the page that shows it. */
    public static final class Refused extends RuntimeException {
        private final ServiceProblem problem;

        public Refused(ServiceProblem problem) {
            super(problem.status() + " " + problem.type() + (problem.code() == null ? "" : " " + problem.code()) + ": " + problem.detail(),
                    null, false, false);
            this.problem = problem;
        }

        public ServiceProblem problem() {
            return problem;
        }
    }
}
