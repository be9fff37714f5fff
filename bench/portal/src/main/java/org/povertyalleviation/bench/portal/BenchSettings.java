package org.povertyalleviation.bench.portal;

import java.nio.file.Path;

import org.povertyalleviation.bench.CommandLine;
import java.util.Map;
import java.util.Set;

/**
 * How the benchmark runs: {@code --name=value} arguments (bench/portal/run.sh passes its own through).
 *
 * @param households    households of Wen County (621222) imported before measuring (the devstack's demo households
 *                      of the county, topped up with generated ones)
 * @param shops         shops registered in Wen County (a third of them owned by poor households, who apply for the
 *                      opening subsidy)
 * @param repeats       measured visits per page and condition; the table shows the median
 * @param profile       the throttled link (latency, download, upload)
 * @param budgetBytes   the page budget in bytes on the wire
 * @param budgetSeconds the page budget in seconds to the load event on the throttled link
 * @param appsDirectory the services', gateway's and portal's jars (run.sh copies devstack/target/apps here)
 * @param chromium      the browser Playwright drives (never one Playwright downloads)
 * @param seed          the devstack's demo-data seed and the seed of the generated records
 */
record BenchSettings(int households, int shops, int repeats, NetworkProfile profile, long budgetBytes, double budgetSeconds,
                     Path appsDirectory, Path chromium, long seed) {

    static final String USAGE = """
            usage: bench/portal/run.sh [--option=value ...]
              --households=200       Wen County households imported before measuring
              --shops=12             Wen County shops registered (a third owned by poor households)
              --repeats=3            measured visits per page and condition (the median is shown)
              --latency=300          throttled link: round-trip latency added to every request, ms
              --download=750         throttled link: download, kbit/s (1 kbit = 1,000 bits)
              --upload=250           throttled link: upload, kbit/s
              --budget-kb=150        page budget on the wire, KB (1 KB = 1,024 bytes)
              --budget-seconds=3     page budget to the load event on the throttled link, s
              --apps=bench/portal/target/apps   the jars the devstack runs
              --chromium=/usr/bin/chromium
              --seed=20130101        the devstack's demo-data seed (and of the generated records)
            """;

    private static final Set<String> KNOWN = Set.of("households", "shops", "repeats", "latency", "download", "upload", "budget-kb",
            "budget-seconds", "apps", "chromium", "seed");

    static BenchSettings parse(String[] args) {
        Map<String, String> options = CommandLine.options(args, KNOWN);
        try {
            BenchSettings settings = new BenchSettings(
                    Integer.parseInt(options.getOrDefault("households", "200")),
                    Integer.parseInt(options.getOrDefault("shops", "12")),
                    Integer.parseInt(options.getOrDefault("repeats", "3")),
                    new NetworkProfile("Regular 3G",
                            Integer.parseInt(options.getOrDefault("latency", "300")),
                            Integer.parseInt(options.getOrDefault("download", "750")),
                            Integer.parseInt(options.getOrDefault("upload", "250"))),
                    Math.round(Double.parseDouble(options.getOrDefault("budget-kb", "150")) * 1024),
                    Double.parseDouble(options.getOrDefault("budget-seconds", "3")),
                    Path.of(options.getOrDefault("apps", "bench/portal/target/apps")),
                    Path.of(options.getOrDefault("chromium", "/usr/bin/chromium")),
                    Long.parseLong(options.getOrDefault("seed", "20130101")));
            if (settings.households < 1 || settings.shops < 3 || settings.repeats < 1 || settings.budgetBytes < 1 || settings.budgetSeconds <= 0
                    || settings.profile.latencyMs() < 0 || settings.profile.downloadKbps() < 1 || settings.profile.uploadKbps() < 1) {
                throw new CommandLine.Usage("Out-of-range option in " + options + " (at least 1 household, 3 shops, 1 repeat)");
            }
            return settings;
        } catch (NumberFormatException e) {
            throw new CommandLine.Usage("Not a number: " + e.getMessage());
        }
    }
}
