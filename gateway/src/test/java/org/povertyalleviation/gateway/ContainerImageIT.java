package org.povertyalleviation.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The offline proof of the container image configuration (docs/adr/0006-container-images-with-jib.md): the
 * build's {@code package} phase made this module's image with the parent pom's Jib configuration, as an OCI
 * tarball on a base image of a JRE jlink'ed from the build's JDK. This reads that tarball as a registry or a
 * container runtime would (index, manifest, config, layers) and checks what Kubernetes relies on.
 */
class ContainerImageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode manifest;
    private static JsonNode config;
    /** Every file of the image's root file system (later layers win), with its mode. */
    private static final Map<String, Integer> FILES = new HashMap<>();
    private static String classpathFile;
    private static String sbom;

    @BeforeAll
    static void readImage() throws IOException {
        assumeFalse(Boolean.getBoolean("image.proof.skip"), "image proof skipped (-Dimage.proof.skip or -DskipTests)");
        String tar = System.getProperty("image.proof.tar");
        // Failsafe always passes it (gateway/pom.xml): without it the proof was not built, which must not pass quietly.
        assertThat(tar).as("image.proof.tar (set by failsafe after `package`, which builds the image tarball)").isNotNull();
        Path image = Path.of(tar);
        // The tarball holds index.json last: read the small JSON blobs first, then stream the layers.
        Map<String, byte[]> small = new HashMap<>();
        eachEntry(image, (name, in, size) -> {
            if (size < 1 << 20) {
                small.put(name, in.readAllBytes());
            }
        });
        assertThat(small).containsKeys("oci-layout", "index.json");
        JsonNode index = JSON.readTree(small.get("index.json"));
        assertThat(index.path("manifests")).hasSize(1);
        manifest = JSON.readTree(blob(small, index.path("manifests").get(0).path("digest").asString()));
        config = JSON.readTree(blob(small, manifest.path("config").path("digest").asString()));

        List<String> layers = new ArrayList<>();
        manifest.path("layers").forEach(layer -> layers.add(blobName(layer.path("digest").asString())));
        eachEntry(image, (name, in, size) -> {
            if (!layers.contains(name)) {
                return;
            }
            TarArchiveInputStream layer = new TarArchiveInputStream(new GzipCompressorInputStream(in));
            TarArchiveEntry entry;
            while ((entry = layer.getNextEntry()) != null) {
                String file = normalise(entry.getName());
                FILES.put(file, entry.getMode() & 07777);
                if (file.equals("app/jib-classpath-file")) {
                    classpathFile = new String(layer.readAllBytes(), StandardCharsets.UTF_8).trim();
                }
                if (file.equals("app/resources/META-INF/sbom/application.cdx.json")) {
                    sbom = new String(layer.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        });
        assertThat(FILES).isNotEmpty();
    }

    @Test
    void isAnOciImage() {
        assertThat(manifest.path("mediaType").asString()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        assertThat(manifest.path("config").path("mediaType").asString())
                .isEqualTo("application/vnd.oci.image.config.v1+json");
        // The base's JRE, then Jib's dependency, resource, class and argument-file layers.
        assertThat(manifest.path("layers").size()).isGreaterThanOrEqualTo(3);
        assertThat(config.path("os").asString()).isEqualTo("linux");
    }

    @Test
    void runsAsANumericNonRootUser() {
        String user = config.path("config").path("User").asString();
        // Kubernetes' runAsNonRoot can only verify a numeric uid; 0 is root.
        assertThat(user).matches("[0-9]+:[0-9]+");
        assertThat(Integer.parseInt(user.split(":")[0])).isPositive();
        assertThat(Integer.parseInt(user.split(":")[1])).isPositive();
        // Files are root's and read-only for the user: the application cannot rewrite itself.
        assertThat(FILES).containsKey("app/jib-classpath-file");
        FILES.forEach((file, mode) -> assertThat(mode & 0004).as("%s readable by others", file).isNotZero());
    }

    @Test
    void entrypointRunsTheGatewayWithContainerAwareFlags() {
        List<String> entrypoint = strings(config.path("config").path("Entrypoint"));
        assertThat(entrypoint.get(0)).isEqualTo("java");
        assertThat(entrypoint).containsSubsequence("-cp", "@/app/jib-classpath-file", GatewayApplication.class.getName());
        assertThat(entrypoint.get(entrypoint.size() - 1)).isEqualTo(GatewayApplication.class.getName());
        assertThat(entrypoint).contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseParallelGC", "-Dfile.encoding=UTF-8");
        assertThat(entrypoint).doesNotContain("-XX:+UseG1GC", "");
    }

    @Test
    void javaResolvesAndEveryClasspathEntryIsInTheImage() {
        // `java` is looked up on the base image's PATH.
        List<String> env = strings(config.path("config").path("Env"));
        String path = env.stream().filter(e -> e.startsWith("PATH=")).findFirst().orElseThrow().substring(5);
        boolean javaOnPath = List.of(path.split(":")).stream()
                .map(dir -> normalise(dir + "/java"))
                .anyMatch(file -> FILES.containsKey(file) && (FILES.get(file) & 0001) != 0);
        assertThat(javaOnPath).as("an executable java on PATH %s", path).isTrue();

        assertThat(classpathFile).isNotBlank();
        for (String entry : classpathFile.split(":")) {
            if (entry.endsWith("/*")) {
                continue;
            }
            assertThat(FILES).as("classpath entry %s", entry).containsKey(normalise(entry));
        }
        assertThat(FILES).containsKey("app/classes/" + GatewayApplication.class.getName().replace('.', '/') + ".class");
    }

    /** The CycloneDX bill of materials of exactly what the image runs, built with it (root pom). */
    @Test
    void carriesItsBillOfMaterials() throws IOException {
        assertThat(sbom).as("app/resources/META-INF/sbom/application.cdx.json in the image").isNotNull();
        JsonNode bom = JSON.readTree(sbom);
        assertThat(bom.path("bomFormat").asString()).isEqualTo("CycloneDX");
        assertThat(bom.path("metadata").path("component").path("name").asString()).isEqualTo("gateway");
        List<String> components = new ArrayList<>();
        bom.path("components").forEach(component -> components.add(component.path("name").asString()));
        assertThat(components).contains("spring-cloud-gateway-server-webflux", "platform-web")
                // platform-web needs no database: the gateway carries none of platform-core's data stack.
                .doesNotContain("platform-core", "r2dbc-postgresql", "flyway-core", "postgresql");
        // Every jar the image's class path names is listed.
        for (String jar : classpathFile.split(":")) {
            String file = jar.substring(jar.lastIndexOf('/') + 1);
            if (file.endsWith(".jar")) {
                assertThat(components.stream().anyMatch(file::startsWith)).as(file + " in the bill of materials").isTrue();
            }
        }
    }

    @Test
    void exposesTheGatewayPort() {
        assertThat(config.path("config").path("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.path("config").path("ExposedPorts").size()).isEqualTo(1);
    }

    @Test
    void carriesOciLabelsAndAReproducibleCreationTime() {
        JsonNode labels = config.path("config").path("Labels");
        assertThat(labels.path("org.opencontainers.image.title").asString()).isEqualTo("gateway");
        assertThat(labels.path("org.opencontainers.image.version").asString()).isNotBlank();
        assertThat(labels.path("org.opencontainers.image.description").asString()).startsWith("gateway:");
        for (String label : List.of("source", "revision", "licenses", "created")) {
            assertThat(labels.path("org.opencontainers.image." + label).asString()).as(label).isNotBlank();
        }
        // Fixed by project.build.outputTimestamp, not the build's clock: the same sources give the same digest.
        assertThat(config.path("created").asString())
                .startsWith(labels.path("org.opencontainers.image.created").asString().replace("Z", ""));
    }

    private interface EntryReader {
        void read(String name, InputStream content, long size) throws IOException;
    }

    private static void eachEntry(Path tar, EntryReader reader) throws IOException {
        try (TarArchiveInputStream in = new TarArchiveInputStream(Files.newInputStream(tar))) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                if (entry.isFile()) {
                    reader.read(entry.getName(), in, entry.getSize());
                }
            }
        }
    }

    private static String blobName(String digest) {
        return "blobs/" + digest.replace(':', '/');
    }

    private static byte[] blob(Map<String, byte[]> blobs, String digest) {
        byte[] blob = blobs.get(blobName(digest));
        assertThat(blob).as("blob %s", digest).isNotNull();
        return blob;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static String normalise(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        n = n.startsWith("/") ? n.substring(1) : n;
        return n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
    }
}
