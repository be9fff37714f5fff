package org.povertyalleviation.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** What every benchmark report says of the machine it ran on, and how a benchmark lets it settle. */
public final class Machine {

    private Machine() {
    }

    /** The 1-, 5- and 15-minute load averages, printed beside each figure: a busy machine explains an odd one. */
    public static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "(unknown)";
        }
    }

    /** The machine's memory in GiB (0 when it cannot be read). */
    public static long memoryGiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Math.round(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /** Lets the previous target's connections close and its JVM settle before the next one is loaded. */
    public static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs a benchmark that starts servers: {@code close} runs in a shutdown hook registered before anything starts (so
     * that Ctrl-C during the start-up also stops what has started) and again after the run; exits with 0, or with what
     * {@code onFailure} says of the exception that stopped the run.
     */
    public static void runAndExit(String name, Runnable run, Runnable close, java.util.function.ToIntFunction<RuntimeException> onFailure) {
        Runtime.getRuntime().addShutdownHook(new Thread(close, name + "-stop"));
        int status = 0;
        try {
            run.run();
        } catch (RuntimeException e) {
            status = onFailure.applyAsInt(e);
        }
        close.run();
        System.exit(status);
    }

    /** Now, to the minute, as a report's heading gives when the run started. */
    public static String startedAt() {
        return java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
    }
}
