package org.povertyalleviation.platform.problem;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/** 400 raised by a service's own checks (beyond bean validation), naming the offending fields. */
public class InvalidRequestException extends ProblemException {

    public InvalidRequestException(List<InvalidParam> params) {
        super(HttpStatus.BAD_REQUEST, ProblemTypes.INVALID_REQUEST, "Invalid request",
                "The request has invalid fields: " + String.join(", ", params.stream().map(InvalidParam::name).toList()),
                Map.of("invalid-params", List.copyOf(params)));
    }

    public static InvalidRequestException field(String name, String reason) {
        return new InvalidRequestException(List.of(new InvalidParam(name, reason)));
    }
}
