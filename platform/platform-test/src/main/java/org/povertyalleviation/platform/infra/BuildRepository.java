package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * For programs started outside Maven (the devstack, the benchmarks): the Keycloak launcher finds its distribution
 * in the local Maven repository, so they point it at the one the build used, which the build wrote into a
 * filtered resource ({@code localRepository=${settings.localRepository}}).
 */
public final class BuildRepository {

    private BuildRepository() {
    }

    /** Sets {@code maven.repo.local} from the resource, unless it is set already or the resource was not filtered. */
    public static void useTheBuilds(Class<?> anchor, String resource) {
        if (System.getProperty("maven.repo.local") != null) {
            return;
        }
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath: build with Maven first");
            }
            Properties build = new Properties();
            build.load(in);
            String repository = build.getProperty("localRepository");
            if (repository != null && !repository.startsWith("@") && !repository.startsWith("$")) {
                System.setProperty("maven.repo.local", repository);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
