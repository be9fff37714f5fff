package org.povertyalleviation.logisticsbooking.network;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.povertyalleviation.logisticsbooking.network.domain.Coverage;
import org.povertyalleviation.logisticsbooking.network.domain.Leg;
import org.povertyalleviation.logisticsbooking.network.domain.Node;
import org.povertyalleviation.logisticsbooking.network.domain.NodeLevel;
import org.povertyalleviation.logisticsbooking.network.domain.OperatorKind;
import org.povertyalleviation.logisticsbooking.network.domain.Place;
import org.povertyalleviation.logisticsbooking.network.persistence.NetworkRepository;
import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.domain.RuleRefusedException;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** The county's logistics network: its nodes, the roads between them, and which villages it reaches. */
@Service
public class Network {

    /** The network as the map draws it. */
    public record Map(List<Node> nodes, List<Leg> legs) {
    }

    private final NetworkRepository network;
    private final TenantTransactions tenantTransactions;
    private final AuditTrail audit;
    private final Clock clock;

    public Network(NetworkRepository network, TenantTransactions tenantTransactions, AuditTrail audit, Clock clock) {
        this.network = network;
        this.tenantTransactions = tenantTransactions;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<Node> add(CountyCode county, NodeLevel level, String name, UUID parent, String township, String village, String address,
                          Place place, String openingHours, OperatorKind operatorKind, String operatorName, boolean coldStorage) {
        Node node = Node.add(county, level, name, parent, township, village, address, place, openingHours, operatorKind, operatorName,
                coldStorage, clock.instant());
        return tenantTransactions.inCounty(county, () -> checkPlace(node)
                .then(network.insert(node))
                .then(audit.write("node.added", "node", node.id().toString()))
                .thenReturn(node));
    }

    public Mono<Leg> connect(CountyCode county, UUID from, UUID to, int distanceMetres, int driveMinutes) {
        Leg leg = Leg.add(county, from, to, distanceMetres, driveMinutes);
        return tenantTransactions.inCounty(county, () -> known(county, from, "from")
                .then(known(county, to, "to"))
                .then(network.legExists(leg))
                .flatMap(exists -> exists ? Mono.<Void>error(RuleRefusedException.stateConflict("leg-exists",
                        "A road between these two nodes is recorded already", "to")) : network.insert(leg))
                .then(audit.write("leg.added", "leg", leg.id().toString()))
                .thenReturn(leg));
    }

    public Mono<Node> node(CountyCode county, UUID id) {
        return tenantTransactions.inCounty(county, () -> network.node(county, id)
                .switchIfEmpty(Mono.error(new org.povertyalleviation.platform.problem.NotFoundException("Node", id))));
    }

    public Mono<Map> map(CountyCode county) {
        return tenantTransactions.inCounty(county, () -> network.nodes(county).collectList()
                .zipWith(network.legs(county).collectList(), Map::new));
    }

    public Mono<Coverage.Result> coverage(CountyCode county, int withinMinutes) {
        return tenantTransactions.inCounty(county, () -> network.villages(county).collectList()
                .zipWith(network.nodes(county).collectList(), (villages, nodes) -> Coverage.of(withinMinutes, villages, nodes)));
    }

    /** From the county registry's village.registered.v1 (in the consumer's county transaction). */
    public Mono<Void> villagePlaced(String county, String village, Place place) {
        return network.placeVillage(county, village, place);
    }

    /** A node of another county is not found here (row-level security): it is named in the request, so a 422 names it. */
    private Mono<Node> known(CountyCode county, UUID node, String field) {
        return network.node(county, node).switchIfEmpty(Mono.error(RuleRefusedException.violated("unknown-node",
                "County " + county + " has no node " + node, field)));
    }

    private Mono<Void> checkPlace(Node node) {
        CountyCode county = node.county();
        Mono<Void> parent = node.parent() == null ? Mono.empty() : known(county, node.parent(), "parent").doOnNext(node::checkParent).then();
        return switch (node.level()) {
            case COUNTY_PARK -> network.parkExists(county).flatMap(exists -> exists
                    ? Mono.error(RuleRefusedException.stateConflict("one-park", "County " + county + " has its logistics park already", "level"))
                    : Mono.empty());
            case TOWNSHIP_STATION -> network.townshipExists(county, node.township()).flatMap(exists -> exists ? parent
                    : Mono.error(RuleRefusedException.violated("unknown-township", "County " + county + " has no township " + node.township(),
                            "township")));
            case VILLAGE_POST -> network.villageExists(county, node.village()).flatMap(exists -> exists ? parent
                    : Mono.error(RuleRefusedException.violated("unknown-village", "County " + county + " has no village " + node.village(),
                            "village")))
                    .then(network.postOf(county, node.village()).flatMap(post -> Mono.error(RuleRefusedException.stateConflict("one-post",
                            "Village " + node.village() + " has its post already: " + post.name(), "village"))));
        };
    }
}
