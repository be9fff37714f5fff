package org.povertyalleviation.householdregistry.importing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * What one household file and one replica's imports may take (docs/services/household-registry.md#bulk-import-and-export).
 * Every bound is checked before a household is written, so that a hostile or broken file fails its job with the
 * reason instead of taking the pod's memory or disk; the defaults fit a county's real file (about 100,000 people,
 * 19 columns) many times over in a 1 GiB pod.
 *
 * @param perPod             imports running at once in one replica (default 2); one more is a 429
 * @param perCounty          imports running at once in one county, across replicas (default 1); one more is a 409
 * @param maxRows            rows of a file after its header (default 1,000,000)
 * @param maxLineLength      characters of one CSV record, quoted line breaks included, and of one XLSX cell or tag
 *                           (default 65,536); a quote never closed ends here instead of at the end of the file
 * @param maxColumns         cells of one row, and the highest column an XLSX cell may name (default 200)
 * @param maxHouseholdRows   rows of one household (default 100; the domain allows 30 members): a household is held whole in memory until it is checked
 * @param rejectionsListed   rejected rows kept with their reason (default 10,000); the rest are counted only
 * @param maxInflateRatio    how many times its compressed size an XLSX entry may inflate to (default 100)
 * @param maxInflatedSize    all of an XLSX's entries inflated together (default 1 GB)
 * @param maxZipEntries      entries of an XLSX (default 1,000)
 * @param maxSharedStrings   strings of an XLSX's shared-strings table (default 1,000,000): the reader keeps those it has
 *                           read, about 130 bytes each as measured, so a workbook at the bound holds about 130 MB; a
 *                           county with more distinct cells (names, resident IDs, phones of 400,000 people or more)
 *                           sends CSV, or raises this with the pod's memory
 * @param maxSharedStringsSize the shared-strings table inflated (default 100 MB)
 * @param stalledAfter       a RUNNING job without a committed batch for this long is failed by the watchdog (default 15 min)
 * @param workerLostAfter    a RUNNING job whose replica has not said it is alive for this long is failed (default 2 min)
 * @param heartbeat          how often a replica says its imports are alive (default 20 s)
 * @param shutdownWait       how long a stopping replica waits for its imports to stop at a batch boundary (default 20 s)
 */
@ConfigurationProperties("household-registry.imports")
public record ImportLimits(Integer perPod, Integer perCounty, Integer maxRows, Integer maxLineLength, Integer maxColumns,
                           Integer maxHouseholdRows, Integer rejectionsListed, Integer maxInflateRatio, DataSize maxInflatedSize,
                           Integer maxZipEntries, Integer maxSharedStrings, DataSize maxSharedStringsSize, Duration stalledAfter,
                           Duration workerLostAfter, Duration heartbeat, Duration shutdownWait) {

    public ImportLimits {
        perPod = positive("per-pod", perPod, 2);
        perCounty = positive("per-county", perCounty, 1);
        maxRows = positive("max-rows", maxRows, 1_000_000);
        maxLineLength = positive("max-line-length", maxLineLength, 65_536);
        maxColumns = positive("max-columns", maxColumns, 200);
        maxHouseholdRows = positive("max-household-rows", maxHouseholdRows, 100);
        rejectionsListed = positive("rejections-listed", rejectionsListed, 10_000);
        maxInflateRatio = positive("max-inflate-ratio", maxInflateRatio, 100);
        maxInflatedSize = maxInflatedSize == null ? DataSize.ofGigabytes(1) : maxInflatedSize;
        maxZipEntries = positive("max-zip-entries", maxZipEntries, 1_000);
        maxSharedStrings = positive("max-shared-strings", maxSharedStrings, 1_000_000);
        maxSharedStringsSize = maxSharedStringsSize == null ? DataSize.ofMegabytes(100) : maxSharedStringsSize;
        stalledAfter = stalledAfter == null ? Duration.ofMinutes(15) : stalledAfter;
        workerLostAfter = workerLostAfter == null ? Duration.ofMinutes(2) : workerLostAfter;
        heartbeat = heartbeat == null ? Duration.ofSeconds(20) : heartbeat;
        shutdownWait = shutdownWait == null ? Duration.ofSeconds(20) : shutdownWait;
        if (workerLostAfter.compareTo(heartbeat.multipliedBy(3)) < 0) {
            // A replica under load may miss a beat or two; fewer than three beats would fail live imports.
            throw new IllegalArgumentException("household-registry.imports.worker-lost-after must be at least three heartbeats");
        }
    }

    /** The defaults. */
    public static ImportLimits defaults() {
        return new ImportLimits(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static int positive(String name, Integer value, int otherwise) {
        if (value == null) {
            return otherwise;
        }
        if (value < 1) {
            throw new IllegalArgumentException("household-registry.imports." + name + " must be at least 1");
        }
        return value;
    }
}
