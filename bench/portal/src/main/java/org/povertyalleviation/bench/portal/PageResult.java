package org.povertyalleviation.bench.portal;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A page's measurements: every visit of each condition, and the medians the table shows.
 *
 * @param unthrottled cold visits (empty cache) without throttling: the baseline
 * @param cold        cold visits on the throttled link
 * @param warm        repeat visits on the throttled link, after one visit filled the cache
 * @param noScript    what the page shows without JavaScript ("yes (…)" or "no (…)")
 */
record PageResult(PortalPage page, List<Visit> unthrottled, List<Visit> cold, List<Visit> warm, String noScript) {

    boolean landed() {
        return !cold.isEmpty() && !warm.isEmpty() && !unthrottled.isEmpty()
                && cold.stream().allMatch(Visit::landed) && warm.stream().allMatch(Visit::landed) && unthrottled.stream().allMatch(Visit::landed);
    }

    /** Why the page does not count, when it does not: the first visit that did not land where asked. */
    String whyNot() {
        return java.util.stream.Stream.of(unthrottled, cold, warm).flatMap(List::stream).filter(v -> !v.landed()).findFirst()
                .map(v -> "status " + v.status() + (v.finalUrl().equals(v.url()) ? "" : ", ended at " + v.finalUrl())
                        + (v.failed() == 0 ? "" : ", " + v.failed() + " failed requests")).orElse("no visit");
    }

    static Visit median(List<Visit> visits, Comparator<Visit> by) {
        List<Visit> sorted = visits.stream().sorted(by).toList();
        return sorted.get(sorted.size() / 2);
    }

    Visit coldByLoad() {
        return median(cold, Comparator.comparingDouble(Visit::loadMs));
    }

    long coldBytes() {
        return median(cold, Comparator.comparingLong(Visit::bytes)).bytes();
    }

    long warmBytes() {
        return median(warm, Comparator.comparingLong(Visit::bytes)).bytes();
    }

    double coldDomContentLoadedMs() {
        return median(cold, Comparator.comparingDouble(Visit::domContentLoadedMs)).domContentLoadedMs();
    }

    double coldLoadMs() {
        return coldByLoad().loadMs();
    }

    double warmLoadMs() {
        return median(warm, Comparator.comparingDouble(Visit::loadMs)).loadMs();
    }

    double unthrottledLoadMs() {
        return median(unthrottled, Comparator.comparingDouble(Visit::loadMs)).loadMs();
    }

    /** What the warm visit fetched, e.g. "1 request, 5 from the cache". */
    String warmRequests() {
        Visit visit = median(warm, Comparator.comparingLong(Visit::bytes));
        return visit.requests() + (visit.requests() == 1 ? " request, " : " requests, ") + visit.fromCache() + " from the cache";
    }

    /** The cold visit's bytes by resource type, largest first, e.g. "Script 131.9, Document 4.1, Stylesheet 12.0". */
    String coldBreakdown() {
        Visit visit = median(cold, Comparator.comparingLong(Visit::bytes));
        return visit.bytesByType().entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> String.format(java.util.Locale.ROOT, "%s %.1f", e.getKey(), e.getValue() / 1024.0))
                .collect(Collectors.joining(", ")) + " KB in " + visit.requests() + " requests, the largest "
                + visit.largest().getKey() + String.format(java.util.Locale.ROOT, " (%.1f KB)", visit.largest().getValue() / 1024.0);
    }
}
