package org.povertyalleviation.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;
import org.springframework.util.ClassUtils;

/**
 * The configuration every service would otherwise copy, derived from what is its own:
 * <ul>
 *   <li>{@code platform-defaults.properties} (observability, messaging, errors, the token issuer) as the
 *       lowest-precedence source;</li>
 *   <li>with a database, the R2DBC and Flyway settings from one name, {@code platform.database.name} (default: the
 *       application name with {@code _} for {@code -}): {@code r2dbc:postgresql://127.0.0.1:5432/<name>} as
 *       {@code <name>_app}, migrated as {@code <name>_owner}, each overridable by the {@code DATABASE_*} variables the
 *       Helm library chart and the devstack set;</li>
 *   <li>with {@code platform.county-copy.enabled=true}, the county registry's copy (CountyCopy): its two consumers'
 *       bindings with groups named after the application;</li>
 *   <li>with {@code platform.household-copy.enabled=true}, the household registry's copy (HouseholdCopy): its
 *       consumer's binding with a group named after the application;</li>
 *   <li>{@code spring.cloud.function.definition}: the platform's consumers first, then the ones the service lists
 *       itself (a service names only its own).</li>
 * </ul>
 * Everything stays overridable: a service's {@code application.yml}, Helm values or a test's properties win over
 * every derived default except the function definition, which is composed from them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    public static final String COUNTY_COPY_ENABLED = "platform.county-copy.enabled";
    public static final String HOUSEHOLD_COPY_ENABLED = "platform.household-copy.enabled";
    private static final String FUNCTIONS = "spring.cloud.function.definition";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(
                    new ResourcePropertySource("platformDefaults", new ClassPathResource("platform-defaults.properties")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String applicationName = environment.getProperty("spring.application.name", "application");
        Map<String, Object> derived = new LinkedHashMap<>();
        if (ClassUtils.isPresent("io.r2dbc.spi.ConnectionFactory", getClass().getClassLoader())) {
            derived.putAll(database(environment.getProperty("platform.database.name", applicationName.replace('-', '_'))));
        }
        List<String> platformFunctions = new ArrayList<>();
        // Every service, and the gateway, keeps its list of suspended counties from county.events.
        if (ClassUtils.isPresent("org.springframework.cloud.stream.function.StreamBridge", getClass().getClassLoader())) {
            platformFunctions.add("countyStatus");
        }
        if (environment.getProperty(COUNTY_COPY_ENABLED, Boolean.class, false)) {
            derived.put("spring.cloud.stream.bindings.countyJoined-in-0.destination", "county.events");
            derived.put("spring.cloud.stream.bindings.countyJoined-in-0.group", applicationName + ".county-copy");
            derived.put("spring.cloud.stream.bindings.villageRegistered-in-0.destination", "village.events");
            derived.put("spring.cloud.stream.bindings.villageRegistered-in-0.group", applicationName + ".village-copy");
            platformFunctions.add("countyJoined");
            platformFunctions.add("villageRegistered");
        }
        if (environment.getProperty(HOUSEHOLD_COPY_ENABLED, Boolean.class, false)) {
            derived.put("spring.cloud.stream.bindings.householdChanged-in-0.destination", "household.events");
            derived.put("spring.cloud.stream.bindings.householdChanged-in-0.group", applicationName + ".household-copy");
            // A county's import sends one event per household: the copy takes a poll's events at once (HouseholdCopy).
            derived.put("spring.cloud.stream.bindings.householdChanged-in-0.consumer.batch-mode", "true");
            // The records' bytes as the deserializer gave them: the binder's conversion empties a List<byte[]> payload.
            derived.put("spring.cloud.stream.bindings.householdChanged-in-0.consumer.use-native-decoding", "true");
            // Three partitions' polls applied side by side (household.events has 3 in the devstack, 12 in k8s): at
            // 5,000 events/s one thread's queue gave a p99 over a second, three kept it under 0.2 s (bench/events).
            derived.put("spring.cloud.stream.bindings.householdChanged-in-0.consumer.concurrency", "3");
            platformFunctions.add("householdChanged");
        }
        environment.getPropertySources().addLast(new MapPropertySource("platformDerivedDefaults", derived));
        String composed = functions(platformFunctions, environment.getProperty(FUNCTIONS));
        if (!composed.isEmpty()) {
            environment.getPropertySources().addFirst(new MapPropertySource("platformFunctions", Map.of(FUNCTIONS, composed)));
        }
    }

    static Map<String, Object> database(String name) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.r2dbc.url", "${DATABASE_R2DBC_URL:r2dbc:postgresql://127.0.0.1:5432/" + name + "}");
        settings.put("spring.r2dbc.username", "${DATABASE_APP_USER:" + name + "_app}");
        settings.put("spring.r2dbc.password", "${DATABASE_APP_PASSWORD:}");
        settings.put("spring.r2dbc.pool.max-size", "${DATABASE_POOL_MAX_SIZE:20}");
        settings.put("spring.flyway.url", "${DATABASE_JDBC_URL:jdbc:postgresql://127.0.0.1:5432/" + name + "}");
        settings.put("spring.flyway.user", "${DATABASE_OWNER_USER:" + name + "_owner}");
        settings.put("spring.flyway.password", "${DATABASE_OWNER_PASSWORD:}");
        return settings;
    }

    /** The platform's consumers, then the service's own, each once and in that order. */
    static String functions(List<String> platform, String own) {
        Set<String> all = new LinkedHashSet<>(platform);
        if (own != null) {
            Arrays.stream(own.split(";")).map(String::strip).filter(name -> !name.isEmpty()).forEach(all::add);
        }
        return String.join(";", all);
    }
}
