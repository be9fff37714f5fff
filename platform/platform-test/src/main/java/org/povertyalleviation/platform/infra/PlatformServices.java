package org.povertyalleviation.platform.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The platform's services as services/services.yaml lists them: the one list that the devstack starts and that the
 * build derives the gateway's routes, the charts' and the cluster's lists from (deployment's ServiceListTest).
 */
public final class PlatformServices {

    /** The list's place in the repository. */
    public static final String FILE = "services/services.yaml";
    /** Where a jar that carries the list (the devstack's) has it. */
    public static final String RESOURCE = "/platform/services.yaml";

    private static final String NAME = "[a-z][a-z0-9]*(-[a-z0-9]+)*";
    private static final String DURATION = "[0-9]+(ms|s|m|h)";
    private static final String SIZE = "[0-9]+(KB|MB)";

    /** One service: its module, application, chart and Service name, port, and the gateway's limits for its route. */
    public record Service(String name, int port, String summary, String timeout, String maxRequestBody, List<String> publicPaths,
                          List<String> readPosts, java.util.Map<String, String> uploads) {

        public Service {
            publicPaths = List.copyOf(publicPaths);
            readPosts = List.copyOf(readPosts);
            uploads = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(uploads));
        }

        public Service(String name, int port, String summary, String timeout, String maxRequestBody, List<String> publicPaths,
                       List<String> readPosts) {
            this(name, port, summary, timeout, maxRequestBody, publicPaths, readPosts, java.util.Map.of());
        }

        /** Its database: the name with underscores. */
        public String database() {
            return name.replace('-', '_');
        }

        /** The environment variable the gateway reads its address from (COUNTY_REGISTRY_URL). */
        public String urlVariable() {
            return name.replace('-', '_').toUpperCase() + "_URL";
        }

        /** Its path at the gateway. */
        public String gatewayPath() {
            return "/api/" + name;
        }
    }

    private PlatformServices() {
    }

    /** The list from the classpath when a jar carries it, else from the repository the working directory is in. */
    public static List<Service> list() {
        try (InputStream bundled = PlatformServices.class.getResourceAsStream(RESOURCE)) {
            if (bundled != null) {
                return parse(new String(bundled.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), RESOURCE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(repositoryFile());
    }

    public static List<Service> read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** services/services.yaml of the repository that the working directory is in. */
    public static Path repositoryFile() {
        return Directories.repositoryFile(FILE);
    }

    /** Parses and checks the list; a mistake names the service and the field. */
    static List<Service> parse(String yaml, String origin) {
        JsonNode root = YAMLMapper.builder().build().readTree(yaml);
        List<Service> services = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<Integer> ports = new HashSet<>();
        for (JsonNode node : root.path("services")) {
            String name = node.path("name").asString("");
            require(name.matches(NAME), origin, "a service's name must be lower-case words joined by dashes: '" + name + "'");
            for (var field : node.propertyNames()) {
                require(Set.of("name", "port", "summary", "gateway").contains(field), origin, name + ": unknown field " + field);
            }
            int port = node.path("port").asInt(0);
            require(port >= 1024 && port <= 65535, origin, name + ".port must be 1024..65535");
            String summary = node.path("summary").asString("");
            require(!summary.isBlank(), origin, name + ".summary is required");
            JsonNode gateway = node.path("gateway");
            for (var field : gateway.propertyNames()) {
                require(Set.of("timeout", "maxRequestBody", "publicPaths", "readPosts", "uploads").contains(field), origin, name + ".gateway: unknown field " + field);
            }
            String timeout = gateway.path("timeout").asString("");
            require(timeout.matches(DURATION), origin, name + ".gateway.timeout must be a duration like 5s or 5m");
            String maxRequestBody = gateway.path("maxRequestBody").isMissingNode() ? null : gateway.path("maxRequestBody").asString("");
            require(maxRequestBody == null || maxRequestBody.matches(SIZE), origin, name + ".gateway.maxRequestBody must be a size like 8MB");
            List<String> publicPaths = new ArrayList<>();
            for (JsonNode path : gateway.path("publicPaths")) {
                require(path.asString("").startsWith("/"), origin, name + ".gateway.publicPaths: a path pattern starts with /");
                publicPaths.add(path.asString());
            }
            List<String> readPosts = new ArrayList<>();
            for (JsonNode path : gateway.path("readPosts")) {
                require(path.asString("").startsWith("/"), origin, name + ".gateway.readPosts: a path pattern starts with /");
                readPosts.add(path.asString());
            }
            java.util.Map<String, String> uploads = new java.util.LinkedHashMap<>();
            for (var upload : gateway.path("uploads").properties()) {
                require(upload.getKey().startsWith("/"), origin, name + ".gateway.uploads: a path pattern starts with /");
                require(upload.getValue().asString("").matches(SIZE), origin, name + ".gateway.uploads." + upload.getKey() + " must be a size like 120MB");
                uploads.put(upload.getKey(), upload.getValue().asString());
            }
            require(names.add(name), origin, name + " is listed twice");
            require(ports.add(port), origin, name + ": port " + port + " is another service's");
            services.add(new Service(name, port, summary, timeout, maxRequestBody, publicPaths, readPosts, uploads));
        }
        require(!services.isEmpty(), origin, "no services listed");
        return List.copyOf(services);
    }

    private static void require(boolean condition, String origin, String message) {
        if (!condition) {
            throw new IllegalArgumentException(origin + ": " + message);
        }
    }
}
