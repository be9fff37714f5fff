package org.povertyalleviation.logisticsbooking.carrier;

import java.time.Clock;
import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.povertyalleviation.logisticsbooking.carrier.domain.Carrier;
import org.povertyalleviation.logisticsbooking.carrier.domain.Vehicle;
import org.povertyalleviation.logisticsbooking.carrier.persistence.CarrierRepository;
import org.povertyalleviation.logisticsbooking.network.persistence.NetworkRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The county's carriers and their vehicles. */
@Service
public class Carriers {

    /** A carrier with its vehicles. */
    public record CarrierView(Carrier carrier, List<Vehicle> vehicles) {
    }

    private final CarrierRepository carriers;
    private final NetworkRepository network;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Carriers(CarrierRepository carriers, NetworkRepository network, TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.carriers = carriers;
        this.network = network;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Carrier> register(CountyCode county, String name, String client) {
        Carrier carrier = Carrier.register(county, name, client, clock.instant());
        return tenantTransactions.inCounty(county, () -> (carrier.client() == null ? Mono.<Carrier>empty() : carriers.ofClient(county, carrier.client()))
                .flatMap(other -> Mono.<Void>error(RuleRefusedException.stateConflict("client-taken",
                        "Partner client " + carrier.client() + " is carrier " + other.name() + " already", "client")))
                .then(carriers.insert(carrier))
                .then(audit.write("carrier.registered", "carrier", carrier.id().toString()))
                .thenReturn(carrier));
    }

    public Mono<Vehicle> addVehicle(CountyCode county, UUID carrier, String plate, int capacityKg, int capacityParcels, boolean cold,
                                    Set<DayOfWeek> workingDays, UUID base) {
        Vehicle vehicle = Vehicle.register(county, carrier, plate, capacityKg, capacityParcels, cold, workingDays, base);
        return tenantTransactions.inCounty(county, () -> carriers.find(county, carrier)
                .switchIfEmpty(Mono.error(new NotFoundException("Carrier", carrier)))
                .then(network.node(county, base).switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-node",
                        "County " + county + " has no node " + base, "base"))))
                .then(carriers.plateTaken(county, vehicle.plate()))
                .flatMap(taken -> taken ? Mono.<Void>error(RuleRefusedException.stateConflict("plate-taken",
                        "Vehicle " + vehicle.plate() + " is registered already", "plate")) : carriers.insert(vehicle))
                .then(audit.write("vehicle.registered", "vehicle", vehicle.id().toString()))
                .thenReturn(vehicle));
    }

    public Mono<CarrierView> find(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> carriers.find(county, id)
                .switchIfEmpty(Mono.error(new NotFoundException("Carrier", id)))
                .zipWith(carriers.vehicles(county).filter(vehicle -> vehicle.carrier().equals(id)).collectList(), CarrierView::new));
    }

    public Mono<List<CarrierView>> all(CountyCode county) {
        return tenantTransactions.inCounty(county, () -> carriers.all(county).collectList()
                .zipWith(carriers.vehicles(county).collectList(), (all, vehicles) -> {
                    Map<UUID, List<Vehicle>> byCarrier = vehicles.stream().collect(Collectors.groupingBy(Vehicle::carrier));
                    return all.stream().map(carrier -> new CarrierView(carrier, byCarrier.getOrDefault(carrier.id(), List.of()))).toList();
                }));
    }
}
