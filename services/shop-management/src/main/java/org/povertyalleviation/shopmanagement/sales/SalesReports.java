package org.povertyalleviation.shopmanagement.sales;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.povertyalleviation.platform.audit.AuditTrail;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEventRecords.HouseholdIncomeEarned;
import org.povertyalleviation.platform.problem.ConflictException;
import org.povertyalleviation.platform.problem.NotFoundException;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.povertyalleviation.shopmanagement.sales.domain.IncomeSharing;
import org.povertyalleviation.shopmanagement.sales.domain.MonthlySales;
import org.povertyalleviation.shopmanagement.sales.persistence.SalesRepository;
import org.povertyalleviation.shopmanagement.sales.persistence.SalesRepository.ReportRow;
import org.povertyalleviation.shopmanagement.sales.persistence.SalesRepository.ShareRow;
import org.povertyalleviation.shopmanagement.shop.ShopRegister;
import org.povertyalleviation.shopmanagement.shop.domain.HouseholdRole;
import org.povertyalleviation.shopmanagement.shop.domain.IncomeLink;
import org.povertyalleviation.shopmanagement.shop.domain.SharingRule;
import org.povertyalleviation.shopmanagement.shop.domain.ShopStatus;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEvents;
import org.povertyalleviation.shopmanagement.shop.messaging.ShopEvents.Detector;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.LinkRow;
import org.povertyalleviation.shopmanagement.shop.persistence.ShopRepository.ShopRow;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A shop's monthly sales reports and the income they give its linked households. A report, its shares, their
 * events (one shop.household-income-earned.v1 per household, then shop.sales-reported.v1) and the audit entry
 * commit together. The same figures again change nothing; other figures for a reported month are a correction:
 * the next revision, every household of the month's first report gets its share recomputed by the rule it had then
 * and re-sent, which the registry's ledger takes in place of the earlier amount.
 */
@Service
public class SalesReports {

    /** Who sent the figures. */
    public enum Reporter {
        PARTNER, CLERK
    }

    /** A report with the shares it gave; {@code changed} is false when the same figures were sent again. */
    public record ReportView(ReportRow report, List<ShareRow> shares, boolean changed) {
    }

    private final TenantTransactions tenantTransactions;
    private final ShopRepository shops;
    private final SalesRepository sales;
    private final ShopRegister register;
    private final ShopEvents events;
    private final AuditTrail audit;
    private final Clock clock;
    private final SalesPartners partners;

    public SalesReports(TenantTransactions tenantTransactions, ShopRepository shops, SalesRepository sales, ShopRegister register,
                        ShopEvents events, AuditTrail audit, Clock clock, SalesPartners partners) {
        this.partners = partners;
        this.tenantTransactions = tenantTransactions;
        this.shops = shops;
        this.sales = sales;
        this.register = register;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
    }

    public Mono<ReportView> report(CountyCode county, UUID shopId, MonthlySales figures, Reporter reportedBy, String reporter) {
        String code = county.value();
        figures.requireNotAfter(YearMonth.now(clock));
        // The shop's row lock orders concurrent reports of one shop: each sees the revision the one before wrote.
        return tenantTransactions.inCounty(county, () -> shops.findForUpdate(code, shopId)
                .switchIfEmpty(Mono.error(new NotFoundException("Shop", shopId)))
                .flatMap(shop -> requireBound(shop, reportedBy, reporter).then(requireReportable(shop, figures))
                        .then(sales.find(code, shopId, figures.month()).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty()))
                        .flatMap(previous -> {
                            if (previous.isPresent() && sameFigures(previous.get(), figures)) {
                                return sales.shares(code, shopId, figures.month()).collectList()
                                        .map(shares -> new ReportView(previous.get(), shares, false));
                            }
                            int revision = previous.map(row -> row.revision() + 1).orElse(1);
                            return record(shop, figures, revision, reportedBy, reporter);
                        })));
    }

    private Mono<ReportView> record(ShopRow shop, MonthlySales figures, int revision, Reporter reportedBy, String reporter) {
        String code = shop.countyCode();
        YearMonth month = figures.month();
        return sales.save(code, shop.id(), month, figures.orders(), figures.grossFen(), figures.refundsFen(), revision, reportedBy.name(), reporter)
                .flatMap(saved -> Mono.zip(shops.links(code, shop.id()).collectList(), sales.shares(code, shop.id(), month).collectList())
                        .flatMap(linksAndEarlier -> {
                            List<ShareRow> shares = shares(figures, revision, linksAndEarlier.getT1(), linksAndEarlier.getT2());
                            List<HouseholdIncomeEarned> earned = new ArrayList<>();
                            for (ShareRow share : shares) {
                                earned.add(events.householdIncomeEarned(code, shop.id(), share.household(), month, share.amountFen(), revision,
                                        share.rule(), share.role()));
                            }
                            long distributed = shares.stream().mapToLong(ShareRow::amountFen).sum();
                            return sales.replaceShares(code, shop.id(), month, shares)
                                    .then(events.appendAll(earned))
                                    .then(events.salesReported(shop, month, figures.orders(), figures.grossFen(), figures.refundsFen(),
                                            revision, reportedBy.name(), distributed))
                                    .then(audit.write(revision == 1 ? "shop.sales-reported" : "shop.sales-corrected", "shop",
                                            shop.id() + "/sales/" + month))
                                    .then(wake(shop, figures))
                                    .thenReturn(new ReportView(saved, shares, true));
                        }));
    }

    /**
     * The households' shares of the month. A first report shares by the links as they are; a correction by the
     * rules the month was first shared by, so that it changes the figures and not who shared in them or how.
     */
    private static List<ShareRow> shares(MonthlySales figures, int revision, List<LinkRow> links, List<ShareRow> earlier) {
        List<IncomeLink> rules = revision == 1
                ? links.stream().map(LinkRow::link).toList()
                : earlier.stream().map(share -> new IncomeLink(share.household(), HouseholdRole.valueOf(share.role()),
                        SharingRule.valueOf(share.rule()), share.shareBasisPoints(), share.fixedFen())).toList();
        Map<UUID, Long> amounts = IncomeSharing.distribute(figures, rules);
        List<ShareRow> shares = new ArrayList<>();
        for (IncomeLink rule : rules) {
            shares.add(new ShareRow(rule.household(), rule.role().name(), rule.rule().name(), rule.shareBasisPoints(), rule.fixedAmountFen(),
                    amounts.get(rule.household()), revision));
        }
        return List.copyOf(shares);
    }

    /**
     * Orders wake a dormant shop: somebody is selling again. Only orders of the month it went dormant in, the month
     * before (reported at the start of the next) or later; a late correction of an older month does not.
     */
    private Mono<Void> wake(ShopRow shop, MonthlySales figures) {
        if (shop.status() != ShopStatus.DORMANT || !figures.hadSales()
                || figures.month().isBefore(YearMonth.from(shop.statusChangedAt().atZone(clock.getZone())).minusMonths(1))) {
            return Mono.empty();
        }
        return register.moveStatus(shop, ShopStatus.OPEN, "Sales reported for " + figures.month(), Detector.SALES_REPORT).then();
    }

    /**
     * A planned shop sells nothing yet; a closed one takes reports (and corrections) up to the month it closed; no
     * shop reports months long before it was registered.
     */
    /** A partner reports only for the shops on the marketplaces it is bound to (SalesPartners). */
    private Mono<Void> requireBound(ShopRow shop, Reporter reportedBy, String reporter) {
        if (reportedBy != Reporter.PARTNER || partners.bound(reporter, shop.platform())) {
            return Mono.empty();
        }
        return Mono.error(new org.springframework.security.access.AccessDeniedException("Shop " + shop.id() + " sells on "
                + shop.platform() + "; partner " + reporter + " is not bound to it and does not report its sales"));
    }

    private Mono<Void> requireReportable(ShopRow shop, MonthlySales figures) {
        YearMonth month = figures.month();
        figures.requireNotBefore(YearMonth.from(shop.createdAt().atZone(clock.getZone())));
        if (shop.status() == ShopStatus.PLANNED) {
            return Mono.error(new ConflictException("shop-not-open", "The shop is PLANNED; it reports sales once it is open", "shop"));
        }
        if (shop.status() == ShopStatus.CLOSED
                && month.isAfter(YearMonth.from(shop.statusChangedAt().atZone(clock.getZone())))) {
            return Mono.error(new ConflictException("shop-closed", "The shop closed before " + month + "; it has no sales after", "month"));
        }
        return Mono.empty();
    }

    private static boolean sameFigures(ReportRow row, MonthlySales figures) {
        return row.orders() == figures.orders() && row.grossFen() == figures.grossFen() && row.refundsFen() == figures.refundsFen();
    }

    public Mono<ReportView> find(CountyCode county, UUID shopId, YearMonth month) {
        String code = county.value();
        return tenantTransactions.inCounty(county, () -> requireShop(code, shopId)
                .then(sales.find(code, shopId, month))
                .switchIfEmpty(Mono.error(new NotFoundException("Sales report of " + month + " for shop", shopId)))
                .flatMap(report -> sales.shares(code, shopId, month).collectList().map(shares -> new ReportView(report, shares, false))));
    }

    public Flux<ReportRow> list(CountyCode county, UUID shopId, YearMonth from, YearMonth to) {
        String code = county.value();
        return tenantTransactions.manyInCounty(county, () -> requireShop(code, shopId).thenMany(sales.list(code, shopId, from, to)));
    }

    private Mono<ShopRow> requireShop(String county, UUID shopId) {
        return shops.find(county, shopId).switchIfEmpty(Mono.error(new NotFoundException("Shop", shopId)));
    }
}
