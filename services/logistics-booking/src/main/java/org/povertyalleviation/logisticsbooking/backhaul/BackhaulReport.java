package org.povertyalleviation.logisticsbooking.backhaul;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.logisticsbooking.backhaul.domain.Backhaul;
import org.povertyalleviation.logisticsbooking.booking.domain.ShipmentState;
import org.povertyalleviation.logisticsbooking.booking.persistence.BookingRepository;
import org.povertyalleviation.logisticsbooking.carrier.persistence.CarrierRepository;
import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;
import org.povertyalleviation.logisticsbooking.network.domain.DriveTimes;
import org.povertyalleviation.logisticsbooking.network.domain.Leg;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.persistence.NetworkRepository;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** A day's backhaul for the county ({@link Backhaul}), read in one county transaction. */
@Service
public class BackhaulReport {

    /** More bookings than a county's day holds (Longnan's busiest county ships about 20,000 parcels a day). */
    private static final int MAX_BOOKINGS = 50_000;

    private final NetworkRepository network;
    private final CarrierRepository carriers;
    private final BookingRepository bookings;
    private final TenantTransactions tenantTransactions;

    public BackhaulReport(NetworkRepository network, CarrierRepository carriers, BookingRepository bookings, TenantTransactions tenantTransactions) {
        this.network = network;
        this.carriers = carriers;
        this.bookings = bookings;
        this.tenantTransactions = tenantTransactions;
    }

    public Mono<Backhaul.Result> of(CountyCode county, LocalDate day) {
        return tenantTransactions.inCounty(county, () -> Mono.zip(network.nodes(county).collectList(), network.legs(county).collectList(),
                        carriers.vehicles(county).collectList(),
                        bookings.ofDay(county, day, null, null, null, MAX_BOOKINGS).filter(booking -> booking.state() != ShipmentState.CANCELLED).collectList())
                .map(all -> {
                    List<UUID> parks = all.getT1().stream().filter(node -> node.level() == NodeLevel.COUNTY_PARK).map(node -> node.id()).toList();
                    return Backhaul.match(all.getT1(), DriveTimes.over(all.getT1().stream().map(Node::stop).toList(), all.getT2().stream().map(Leg::road).toList()),
                            all.getT3().stream().filter(vehicle -> parks.contains(vehicle.base()) && vehicle.worksOn(day)).toList(), all.getT4());
                }));
    }
}
