package org.povertyalleviation.platform.sample;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.problem.RuleViolatedException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/samples")
public class SampleController {

    private final org.springframework.r2dbc.core.DatabaseClient database;
    private final org.springframework.transaction.ReactiveTransactionManager transactionManager;

    SampleController(org.springframework.beans.factory.ObjectProvider<org.springframework.r2dbc.core.DatabaseClient> database,
                     org.springframework.beans.factory.ObjectProvider<org.springframework.transaction.ReactiveTransactionManager> transactionManager) {
        // Optional: the web slice tests run this controller without a database.
        this.database = database.getIfAvailable();
        this.transactionManager = transactionManager.getIfAvailable();
    }

    record Parcel(@NotBlank String product, @Min(1) int kilograms) {
    }

    record Shipment(@NotBlank @Pattern(regexp = "\\d{6}") String county, @NotEmpty List<@Valid Parcel> parcels) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<Shipment> create(@Valid @RequestBody Shipment shipment) {
        return Mono.just(shipment);
    }

    /** What the logs would carry for this request: the MDC as seen inside a handler. */
    @GetMapping("/diagnostics")
    Mono<java.util.Map<String, String>> diagnostics() {
        return Mono.fromSupplier(() -> {
            java.util.Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
            return mdc == null ? java.util.Map.<String, String>of() : mdc;
        });
    }

    /**
     * Sleeps in the database for {@code seconds} in a transaction whose statement timeout is {@code limit}, set the way
     * a bulk path raises its own ({@code set local statement_timeout}).
     */
    @GetMapping("/sleep")
    Mono<String> sleep(@RequestParam double seconds, @RequestParam String limit) {
        return org.springframework.transaction.reactive.TransactionalOperator.create(transactionManager).transactional(
                database.sql("select set_config('statement_timeout', :limit, true)").bind("limit", limit).fetch().first()
                        .then(database.sql("select pg_sleep(:seconds)::text as slept").bind("seconds", seconds)
                                .map(row -> "slept").one()));
    }

        @GetMapping("/search")
    Mono<String> search(@RequestParam @Min(1) @jakarta.validation.constraints.Max(500) int limit) {
        return Mono.just("limit " + limit);
    }

    @GetMapping("/{id}")
    Mono<Shipment> find(@PathVariable long id) {
        return switch ((int) id) {
            case 409 -> Mono.error(new ConflictException("illegal-transition", "A closed shipment cannot be reopened"));
            case 422 -> Mono.error(new RuleViolatedException("budget-exceeded", "The county's yearly budget is spent"));
            case 500 -> Mono.error(new IllegalStateException("secret internal detail"));
            default -> Mono.error(new NotFoundException("Shipment", id));
        };
    }
}
