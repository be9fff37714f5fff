package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Redis server (the gateway's rate limiter needs one), from the Linux binary that the embedded-redis
 * artifact ships; run by our own launcher so that it shares the stop-and-watchdog handling of the others.
 */
public final class RedisServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisServer.class);
    private static final String BINARY = "redis-server-6.2.6-v5-linux-amd64";

    private final Path runDirectory;
    private final int port;
    private volatile LocalProcess process;

    private RedisServer(Path runDirectory, int port, LocalProcess process) {
        this.runDirectory = runDirectory;
        this.port = port;
        this.process = process;
    }

    public static RedisServer start() {
        Path run = Directories.runDirectory("redis");
        int port = FreePorts.next();
        RedisServer server = new RedisServer(run, port, launch(run, port));
        server.awaitReady();
        return server;
    }

    private static LocalProcess launch(Path run, int port) {
        return LocalProcess.start("Redis", List.of(binary().toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--dir", run.toString()), Map.of(), run, run.resolve("redis.log"), "TERM");
    }

    private void awaitReady() {
        Waiting.until("Redis", Duration.ofSeconds(20), process, this::answersPing, runDirectory.resolve("redis.log"));
        log.info("Redis ready on 127.0.0.1:{} (log {})", port, runDirectory.resolve("redis.log"));
    }

    /**
     * Stops the server, as an outage would (its clients' connections are closed). The JVM's other tests share it:
     * a test that stops it calls {@link #restart()} in a finally block.
     */
    public synchronized void stop() {
        process.stop(Duration.ofSeconds(10));
    }

    /**
     * Freezes the server (SIGSTOP): connections stay open and nothing is answered, as a Redis that hangs or a
     * network that drops packets. {@link #thaw()} in a finally block.
     */
    public void freeze() {
        signal("STOP");
    }

    /** Lets a frozen server run on; it answers what it was sent meanwhile. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String signal) {
        try {
            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Starts the server again on the same port, empty (it keeps nothing on disk), after {@link #stop()}. */
    public synchronized void restart() {
        if (process.isAlive()) {
            return;
        }
        process = launch(runDirectory, port);
        awaitReady();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
        Directories.deleteRecursively(runDirectory);
    }

    /** True when the server answers PING. */
    public boolean answersPing() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = new byte[7];
            int read = socket.getInputStream().read(reply);
            return read > 0 && new String(reply, 0, read, StandardCharsets.US_ASCII).startsWith("+PONG");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path binary() {
        Path target = Directories.cache().resolve(BINARY);
        return Directories.locked(Directories.cache().resolve("redis.lock"), () -> {
            if (!Files.isExecutable(target)) {
                try (InputStream in = RedisServer.class.getResourceAsStream("/" + BINARY)) {
                    if (in == null) {
                        throw new IllegalStateException(BINARY + " missing from the classpath (com.github.codemonstur:embedded-redis)");
                    }
                    Path partial = Files.createTempFile(target.getParent(), "redis", ".part");
                    Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return target;
        });
    }
}
