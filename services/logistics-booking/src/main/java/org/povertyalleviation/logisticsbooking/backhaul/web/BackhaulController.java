package org.povertyalleviation.logisticsbooking.backhaul.web;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.logisticsbooking.backhaul.BackhaulReport;
import org.povertyalleviation.logisticsbooking.backhaul.domain.Backhaul;
import org.povertyalleviation.logisticsbooking.booking.domain.Weight;
import org.povertyalleviation.platform.counties.CountyGate;
import org.povertyalleviation.platform.problem.InvalidRequestException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Which uplink pickups ride back on the day's downlink runs, and the empty road that saves. */
@RestController
class BackhaulController {

    record RunResponse(UUID vehicle, String plate, BigDecimal downKg, int downParcels, List<UUID> downBookings, BigDecimal upKg, int upParcels,
                       List<UUID> upBookings) {
    }

    record TownshipResponse(String township, UUID station, String stationName, BigDecimal roadKm, List<RunResponse> runs, List<UUID> downUnloaded,
                            List<UUID> upMatched, List<UUID> upUnmatched, BigDecimal emptyKmSaved) {
    }

    record BackhaulResponse(String county, LocalDate day, long uplinkMatched, long uplinkUnmatched, BigDecimal emptyKmSaved,
                            List<TownshipResponse> townships) {
    }

    private final CountyGate gate;
    private final BackhaulReport report;

    BackhaulController(CountyGate gate, BackhaulReport report) {
        this.gate = gate;
        this.report = report;
    }

    @GetMapping("/counties/{county}/backhaul")
    Mono<BackhaulResponse> backhaul(@PathVariable String county, @RequestParam(required = false) String day) {
        LocalDate date;
        try {
            date = LocalDate.parse(day == null ? "" : day);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.field("day", "is required, a date YYYY-MM-DD");
        }
        return gate.read(county).flatMap(code -> report.of(code, date))
                .map(result -> new BackhaulResponse(county, date, result.uplinkMatched(), result.uplinkUnmatched(), km(result.emptyMetresSaved()),
                        result.townships().stream().map(township -> new TownshipResponse(township.township(), township.station(), township.stationName(),
                                km(township.roadMetres()), township.runs().stream().map(run -> new RunResponse(run.vehicle(), run.plate(),
                                        Weight.kilograms(run.downGrams()), run.downParcels(), run.downBookings(), Weight.kilograms(run.upGrams()),
                                        run.upParcels(), run.upBookings())).toList(),
                                township.downUnloaded(), township.upMatched(), township.upUnmatched(), km(township.emptyMetresSaved()))).toList()));
    }

    private static BigDecimal km(long metres) {
        return BigDecimal.valueOf(metres).movePointLeft(3);
    }
}
