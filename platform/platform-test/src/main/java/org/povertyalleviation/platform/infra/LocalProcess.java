package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server process started by a launcher: output goes to a log file, and a watchdog kills it if this JVM
 * dies without running its shutdown hooks (kill -9, a crashed test fork), so no server outlives its owner.
 *
 * <p>Each server runs in a session (and process group) of its own, started with {@code setsid}: some servers
 * are a script that runs the real process as a child (Keycloak's kc.sh runs its JVM in the background), and
 * killing the group reaches those children too.
 */
public final class LocalProcess {

    private static final Logger log = LoggerFactory.getLogger(LocalProcess.class);

    private final String name;
    private final Process process;
    private final Process watchdog;
    private final String stopSignal;

    private LocalProcess(String name, Process process, Process watchdog, String stopSignal) {
        this.name = name;
        this.process = process;
        this.watchdog = watchdog;
        this.stopSignal = stopSignal;
    }

    /**
     * @param stopSignal the signal that shuts the server down cleanly and quickly (PostgreSQL wants INT:
     *                   its TERM waits for every client to disconnect)
     */
    public static LocalProcess start(String name, List<String> command, Map<String, String> environment,
                                     Path workingDirectory, Path logFile, String stopSignal) {
        try {
            List<String> inOwnGroup = new java.util.ArrayList<>(List.of("setsid"));
            inOwnGroup.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(inOwnGroup)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            long owner = ProcessHandle.current().pid();
            Process watchdog = new ProcessBuilder("sh", "-c",
                    "while kill -0 " + owner + " 2>/dev/null; do sleep 1; done; "
                            + "kill -" + stopSignal + " " + process.pid() + " 2>/dev/null; sleep 10; "
                            + "kill -KILL -- -" + process.pid() + " 2>/dev/null")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            log.info("{} started (pid {}), log: {}", name, process.pid(), logFile);
            return new LocalProcess(name, process, watchdog, stopSignal);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start " + name + ": " + e.getMessage(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /**
     * Stops the server with its clean-shutdown signal, kills it if it has not gone within the grace period, and
     * then kills whatever is left of its process group.
     */
    public void stop(Duration grace) {
        watchdog.destroyForcibly();
        if (process.isAlive()) {
            signal(stopSignal, Long.toString(process.pid()));
            try {
                if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not stop within {}; killing it", name, grace);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        signal("KILL", "-" + process.pid());
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{} stopped", name);
    }

    /**
     * Kills the server at once, as a crash or {@code kill -9} would: no shutdown hooks, no clean close of its
     * connections, whatever it was doing cut off. For tests of what survives that.
     */
    public void kill() {
        watchdog.destroyForcibly();
        process.destroyForcibly();
        signal("KILL", "-" + process.pid());
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("{} killed", name);
    }

    /** @param target a pid, or {@code -pgid} for a whole process group */
    private static void signal(String signal, String target) {
        try {
            new ProcessBuilder("kill", "-" + signal, "--", target).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            log.warn("Could not signal {}: {}", target, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last lines of a server's log, for the message when it failed to start. */
    static String tail(Path logFile, int lines) {
        try {
            List<String> all = java.nio.file.Files.readAllLines(logFile, java.nio.charset.StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /**
     * The lines of a server's log that say why it failed (errors, exceptions and their causes), each cut short, for
     * the message when it failed to start: a start-up log's tail is often the framework's own chatter, and a report
     * that shows only part of a long message must still show the reason.
     */
    static String errors(Path logFile, int lines) {
        try {
            List<String> all = java.nio.file.Files.readAllLines(logFile, java.nio.charset.StandardCharsets.UTF_8);
            List<String> errors = all.stream()
                    .filter(line -> line.contains("\"level\":\"ERROR\"") || line.contains(" ERROR ") || line.contains("FATAL")
                            || line.contains("Exception") || line.startsWith("Caused by") || line.contains("APPLICATION FAILED"))
                    .limit(lines)
                    .map(line -> line.length() > 1_500 ? line.substring(0, 1_500) + " …" : line)
                    .toList();
            return errors.isEmpty() ? "(no error lines)" : String.join("\n", errors);
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }
}
