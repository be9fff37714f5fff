package org.povertyalleviation.platform.tenancy;

import org.povertyalleviation.platform.domain.CountyCode;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs work in one database transaction that PostgreSQL row-level security sees as the current county's.
 *
 * <p>The county is set with {@code set_config('app.county', code, true)}: the {@code true} makes it local to the
 * transaction, so the setting vanishes at commit or rollback and a pooled connection never carries one county's
 * identity into the next borrower's work. Row-level security policies read it with
 * {@code current_setting('app.county', true)}.
 */
public class TenantTransactions {

    public static final String COUNTY_SETTING = "app.county";

    private final DatabaseClient database;
    private final TransactionalOperator transactions;

    public TenantTransactions(DatabaseClient database, TransactionalOperator transactions) {
        this.database = database;
        this.transactions = transactions;
    }

    /** Runs the work in a transaction for the county in the Reactor context. */
    public <T> Mono<T> inCurrentCounty(Supplier<Mono<T>> work) {
        return TenantContext.currentCounty().flatMap(county -> inCounty(county, work));
    }

    /** Runs the work in a transaction for the given county; the county is also put in the Reactor context. */
    public <T> Mono<T> inCounty(CountyCode county, Supplier<Mono<T>> work) {
        // Deferred from the outside, so the check sees the caller's county, not the one written below.
        return Mono.deferContextual(outer -> refuseOtherCounty(outer, county)
                .then(setCounty(county))
                .then(Mono.defer(work))
                .as(transactions::transactional)
                .contextWrite(TenantContext.withCounty(county)));
    }

    /** As {@link #inCounty} for work that yields many rows. */
    public <T> Flux<T> manyInCounty(CountyCode county, Supplier<Flux<T>> work) {
        return Flux.deferContextual(outer -> refuseOtherCounty(outer, county)
                .thenMany(setCounty(county))
                .thenMany(Flux.defer(work))
                .as(transactions::transactional)
                .contextWrite(TenantContext.withCounty(county)));
    }

    /**
     * A transaction for county B nested in one for county A would join A's transaction and switch its county
     * for the rest of A's work: refused.
     */
    private static Mono<Void> refuseOtherCounty(reactor.util.context.ContextView outer, CountyCode county) {
        if (outer.hasKey(READING_ACROSS)) {
            return Mono.error(new IllegalStateException("Work for county " + county + " nested in a read across counties"));
        }
        return TenantContext.countyIn(outer).filter(current -> !current.equals(county))
                .map(current -> Mono.<Void>error(new IllegalStateException(
                        "Work for county " + county + " nested in a transaction for county " + current)))
                .orElse(Mono.empty());
    }

    /**
     * Reads across several counties in one transaction (a city officer's comparison): row-level security then
     * shows the rows of exactly these counties. Whether the caller may see them is checked before, by the caller.
     */
    public <T> Flux<T> readAcross(Collection<CountyCode> counties, Supplier<Flux<T>> work) {
        if (counties.isEmpty()) {
            return Flux.empty();
        }
        String list = counties.stream().map(CountyCode::value).sorted().distinct().collect(Collectors.joining(","));
        return Flux.deferContextual(outer -> outer.hasKey(READING_ACROSS) || TenantContext.countyIn(outer).isPresent()
                ? Flux.error(new IllegalStateException("readAcross cannot run inside another county transaction"))
                : setting(list).thenMany(Flux.defer(work)).as(transactions::transactional)
                        .contextWrite(context -> context.put(READING_ACROSS, list)));
    }

    /** Marks a read-across transaction, in which no county transaction may be nested. */
    private static final String READING_ACROSS = "platform.reading-across";

    private Mono<Void> setCounty(CountyCode county) {
        return setting(county.value());
    }

    private Mono<Void> setting(String counties) {
        return database.sql("select set_config('" + COUNTY_SETTING + "', :counties, true)")
                .bind("counties", counties)
                .fetch().first().then();
    }
}
