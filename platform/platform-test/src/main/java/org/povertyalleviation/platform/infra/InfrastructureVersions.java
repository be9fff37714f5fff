package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The versions the build resolved, filtered into a resource from the root pom's properties. */
final class InfrastructureVersions {

    private static final Properties VERSIONS = load();

    private InfrastructureVersions() {
    }

    static String postgres() {
        return VERSIONS.getProperty("postgres");
    }

    static String keycloak() {
        return VERSIONS.getProperty("keycloak");
    }

    private static Properties load() {
        try (InputStream in = InfrastructureVersions.class.getResourceAsStream("/META-INF/platform-infrastructure.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
