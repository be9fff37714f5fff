package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Callable;

/** Where launchers keep unpacked distributions (cached across builds) and per-run data (deleted on stop). */
public final class Directories {

    private Directories() {
    }

    /** A file of the repository the working directory is in (tests and tools run in a module below its root). */
    public static Path repositoryFile(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException("no " + relative + " above " + Path.of("").toAbsolutePath());
    }

    static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /**
     * The cache for unpacked distributions. As root it must live outside root's private home, because the
     * PostgreSQL server then runs as an unprivileged account that has to read and execute its binaries.
     */
    public static Path cache() {
        String configured = System.getProperty("platform.cache.dir");
        Path dir = runningAsRoot()
                ? Path.of("/var/tmp/poverty-platform-cache")
                : configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "poverty-platform");
        try {
            Files.createDirectories(dir);
            if (runningAsRoot()) {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /** A fresh directory for one run of one server. */
    public static Path runDirectory(String prefix) {
        try {
            Path dir = Files.createTempDirectory("pp-" + prefix + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the action while holding a file lock, so two build JVMs never unpack the same thing at once. */
    static <T> T locked(Path lockFile, Callable<T> action) {
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = channel.lock()) {
            return action.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Failed while holding " + lockFile + ": " + e.getMessage(), e);
        }
    }

    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Leftovers in the temp directory are harmless; never fail a shutdown over them.
        }
    }
}
