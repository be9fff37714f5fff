package org.povertyalleviation.portal.crowdfunding;

import static org.povertyalleviation.portal.crowdfunding.CrowdfundingController.BASE;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.povertyalleviation.portal.county.Viewer;
import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.gateway.Gateway;
import org.povertyalleviation.portal.gateway.ServiceProblem;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import reactor.core.publisher.Mono;

/**
 * What the project page's delivery section shows of a funded or delivered project: each paid reward with the lot it
 * ships from and its shipment, how many are still without a booking, and, for the staff who dispatch, the pickup
 * windows logistics booking offers at the household's village post (or, where the village has none, its township's
 * station), the node a reward is picked up at.
 */
@Component
class RewardDeliveries {

    /** Windows offered in the dispatch form: the next ones with room, as logistics booking lists them (it allows 50). */
    static final int WINDOWS = 10;

    private final Gateway gateway;

    RewardDeliveries(Gateway gateway) {
        this.gateway = gateway;
    }

    /** Fills the model for the section; nothing for a project that is not FUNDED or DELIVERED (it has no section). */
    Mono<Void> into(String county, Crowdfunding.Project project, Viewer viewer, Map<String, Villages.Village> villages, Model model) {
        boolean delivering = Crowdfunding.DELIVERING.contains(project.status());
        model.addAttribute("delivering", delivering);
        if (!delivering) {
            return Mono.empty();
        }
        boolean dispatches = "FUNDED".equals(project.status()) && viewer.deliversRewards();
        model.addAttribute("dispatches", dispatches);
        model.addAttribute("windows", List.of());
        model.addAttribute("windowsUnreadable", false);
        return gateway.list(uri -> uri.path(BASE + "/projects/{id}/deliveries").build(county, project.id()), Crowdfunding.Reward.class)
                .flatMap(rewards -> {
                    Map<UUID, Crowdfunding.Tier> tiers = project.tiers().stream().collect(Collectors.toMap(Crowdfunding.Tier::id, Function.identity()));
                    List<Crowdfunding.Reward> undispatched = rewards.stream().filter(reward -> !reward.dispatched()).toList();
                    model.addAttribute("rewards", rewards);
                    model.addAttribute("undispatched", undispatched.size());
                    model.addAttribute("undispatchedKg", kilograms(undispatched.stream().mapToLong(reward -> grams(reward, tiers)).sum()));
                    model.addAttribute("traceUrls", traceUrls(rewards));
                    if (!dispatches || undispatched.isEmpty()) {
                        return Mono.empty();
                    }
                    Villages.Village village = villages.get(project.village());
                    return windows(county, project.village(), village == null ? null : village.townshipCode(), lightest(undispatched, tiers), model);
                });
    }

    /**
     * The pickup windows with room for at least the lightest reward left, at the village's post or else its township's
     * station. Logistics unreadable (refused or down) leaves the form without windows and says so; the rest of the page stands.
     */
    private Mono<Void> windows(String county, String village, String township, Load lightest, Model model) {
        long grams = lightest.grams();
        return gateway.get(uri -> uri.path(Gateway.LOGISTICS_BOOKING + "/counties/{county}/nodes").build(county), Crowdfunding.Network.class)
                .flatMap(network -> {
                    Crowdfunding.Node post = pickupNode(network.nodes(), village, township);
                    model.addAttribute("pickupNode", post);
                    if (post == null) {
                        return Mono.empty();
                    }
                    return gateway.list(uri -> uri.path(Gateway.LOGISTICS_BOOKING + "/counties/{county}/slots/next-free")
                                    .queryParam("node", post.id()).queryParam("kind", "PICKUP")
                                    .queryParam("weightKg", kilograms(Math.max(grams, 1)).toPlainString())
                                    .queryParam("parcels", Math.max(lightest.parcels(), 1)).queryParam("limit", WINDOWS).build(county),
                            Crowdfunding.Window.class)
                            .doOnNext(windows -> model.addAttribute("windows", windows)).then();
                })
                .onErrorResume(ServiceProblem.Refused.class, refused -> {
                    if (refused.problem().status() == 401) {
                        return Mono.error(refused);
                    }
                    model.addAttribute("windowsUnreadable", true);
                    return Mono.empty();
                });
    }

    /** The household's village post; where the village has none, its township's station (a reward is carried there). */
    static Crowdfunding.Node pickupNode(List<Crowdfunding.Node> nodes, String village, String township) {
        return nodes.stream().filter(node -> "VILLAGE_POST".equals(node.level()) && village != null && village.equals(node.village())).findFirst()
                .or(() -> nodes.stream().filter(node -> "TOWNSHIP_STATION".equals(node.level()) && township != null && township.equals(node.township()))
                        .findFirst())
                .orElse(null);
    }

    /** One booking's load: a reward is booked as its tier's weight times its quantity, in as many parcels (the service's order). */
    private record Load(long grams, int parcels) {
    }

    private static Load lightest(List<Crowdfunding.Reward> rewards, Map<UUID, Crowdfunding.Tier> tiers) {
        return rewards.stream().map(reward -> new Load(grams(reward, tiers), reward.quantity())).min(Comparator.comparingLong(Load::grams))
                .orElse(new Load(1000, 1));
    }

    private static long grams(Crowdfunding.Reward reward, Map<UUID, Crowdfunding.Tier> tiers) {
        Crowdfunding.Tier tier = tiers.get(reward.tier());
        return tier == null ? 0 : (long) tier.weightGrams() * reward.quantity();
    }

    /** Grams as kilograms, exactly (logistics booking's weights are kg with up to three decimals). */
    static BigDecimal kilograms(long grams) {
        return BigDecimal.valueOf(grams, 3).stripTrailingZeros();
    }

    /** Each tier's lot's public trace page, as the service gives it with the tier's rewards. */
    private static Map<UUID, String> traceUrls(List<Crowdfunding.Reward> rewards) {
        Map<UUID, String> urls = new LinkedHashMap<>();
        rewards.stream().filter(reward -> reward.traceUrl() != null).forEach(reward -> urls.putIfAbsent(reward.tier(), reward.traceUrl()));
        return urls;
    }
}
