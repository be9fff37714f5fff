package org.povertyalleviation.countyregistry.county.web;

import org.povertyalleviation.countyregistry.county.County;
import org.povertyalleviation.countyregistry.county.CountyGate;
import org.povertyalleviation.countyregistry.county.CountyRepository;
import org.povertyalleviation.countyregistry.county.CountySuspension;

import java.time.Instant;

import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@RestController
class CountyController {

    record CountyResponse(String code, String nameZh, String nameEn, String city, String province, String status,
                          Instant joinedAt, Instant suspendedAt) {
        static CountyResponse of(County county) {
            return new CountyResponse(county.code().value(), county.nameZh(), county.nameEn(), County.cityOf(county.code()),
                    County.provinceOf(county.code()), county.status().name(), county.joinedAt(), county.suspendedAt());
        }
    }

    private final CountyAccess countyAccess;
    private final CountyRepository counties;
    private final CountyGate gate;
    private final CountySuspension suspension;

    CountyController(CountyAccess countyAccess, CountyRepository counties, CountyGate gate, CountySuspension suspension) {
        this.countyAccess = countyAccess;
        this.counties = counties;
        this.gate = gate;
        this.suspension = suspension;
    }

    /** The counties the caller may read: all for an operator, their city's for a city officer, their own otherwise. */
    @GetMapping("/counties")
    Flux<CountyResponse> list() {
        return countyAccess.scope().flatMapMany(scope -> scope.operator()
                        ? counties.findAll()
                        : counties.findAll().filter(county -> scope.mayRead(county.code()) && !county.suspended()))
                .map(CountyResponse::of);
    }

    @GetMapping("/counties/{county}")
    Mono<CountyResponse> find(@PathVariable String county) {
        return gate.read(CountyCode.fromRequest("county", county)).map(CountyResponse::of);
    }

    @PutMapping("/counties/{county}/suspension")
    Mono<CountyResponse> suspend(@PathVariable String county) {
        return suspension.change(CountyCode.fromRequest("county", county), County.Status.SUSPENDED).map(CountyResponse::of);
    }

    @DeleteMapping("/counties/{county}/suspension")
    Mono<CountyResponse> reinstate(@PathVariable String county) {
        return suspension.change(CountyCode.fromRequest("county", county), County.Status.JOINED).map(CountyResponse::of);
    }
}
