package org.povertyalleviation.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * The charts under helm/, vendored once per test JVM into a temporary copy (the service charts' library and the
 * umbrella's subcharts, with Helm's own dependency update: nothing is written into the repository), rendered with
 * the real Helm (helm-java), and parsed strictly into fabric8's Kubernetes model.
 */
final class Charts {

    /** The deployables: one chart each, built from platform-library, all in the umbrella. */
    static final List<String> SERVICES = new ServiceList(repository()).deployables();
    static final List<String> ALL = Stream.concat(Stream.of("platform-library"),
            Stream.concat(SERVICES.stream(), Stream.of("poverty-platform", "county-tenant"))).toList();

    /** Kinds that are not in fabric8's model (CRDs): parsed as generic resources, checked field by field in tests. */
    static final List<String> CUSTOM_KINDS = List.of("monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com/v1/PrometheusRule");

    /*
     * helm-java's template leaves out hooks (Helm sorts documents with a helm.sh/hook annotation into the release's
     * hooks, and helm-java returns only the manifest). So that the hook Jobs and the helm test Pod are rendered and
     * checked like everything else, the temporary copy renames the annotation's prefix and render() renames it back.
     */
    private static final String HOOK = "helm.sh/hook";
    private static final String KEPT_HOOK = "helm.sh/kept-for-tests-hook";

    private static Path vendored;
    private static final KubernetesSerialization STRICT = strictSerialization();

    private Charts() {
    }

    /** The repository's root (tests run in deployment/). */
    static Path repository() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("helm/poverty-platform"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no helm/ above " + here);
    }

    /** helm/ copied to a temporary directory, with every chart's dependencies built into its charts/. */
    static synchronized Path vendored() {
        if (vendored == null) {
            try {
                Path target = Files.createTempDirectory("pp-helm-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(target)));
                copy(repository().resolve("helm"), target);
                for (String chart : Stream.concat(SERVICES.stream(), Stream.of("poverty-platform")).toList()) {
                    new Helm(target.resolve(chart)).dependency().update().skipRefresh().call();
                }
                vendored = target;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return vendored;
    }

    static Path chart(String name) {
        return vendored().resolve(name);
    }

    /** A copy of a vendored chart whose values.yaml has the given values file (relative to the repository) merged in. */
    static Path withValues(String chart, String valuesFile) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            Path copy = vendored().resolve(chart + "-with-" + Path.of(valuesFile).getFileName().toString().replace(".yaml", ""));
            if (!Files.exists(copy)) {
                copy(chart(chart), copy);
                JsonNode defaults = yaml.readTree(chart(chart).resolve("values.yaml").toFile());
                JsonNode merged = yaml.readerForUpdating(defaults).readTree(Files.readString(repository().resolve(valuesFile)));
                yaml.writeValue(copy.resolve("values.yaml").toFile(), merged);
                if (Files.readString(copy.resolve("Chart.yaml")).contains("dependencies:")) {
                    // A sibling of the vendored charts: its file://../ dependencies resolve as the original's do.
                    new Helm(copy).dependency().update().skipRefresh().call();
                }
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** helm template of a chart, with optional values files (paths relative to the repository) and --set pairs. */
    static String render(String chart, List<String> valuesFiles, Map<String, Object> set) {
        TemplateCommand template = new Helm(chart(chart)).template().withName(releaseName(chart)).withNamespace("poverty-platform");
        for (String file : valuesFiles) {
            template = template.withValuesFile(repository().resolve(file));
        }
        for (Map.Entry<String, Object> entry : set.entrySet()) {
            template = template.set(entry.getKey(), entry.getValue());
        }
        return template.call().replace(KEPT_HOOK, HOOK);
    }

    static String render(String chart, String... valuesFiles) {
        return render(chart, Arrays.asList(valuesFiles), Map.of());
    }

    /** A values file written for one test. */
    static String valuesFile(String yaml) {
        try {
            Path file = Files.createTempFile(vendored(), "values-", ".yaml");
            Files.writeString(file, yaml);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String releaseName(String chart) {
        return chart.equals("county-tenant") ? "county-621222" : "platform";
    }

    /** Every document of a rendered chart, parsed strictly: an unknown field, a wrong type or an unknown kind fails. */
    static List<HasMetadata> parse(String rendered) {
        List<HasMetadata> resources = new ArrayList<>();
        for (String document : Pattern.compile("(?m)^---\\s*$").split(rendered)) {
            if (document.lines().allMatch(line -> line.isBlank() || line.strip().startsWith("#"))) {
                continue;
            }
            resources.add(parseOne(document));
        }
        return resources;
    }

    static HasMetadata parseOne(String document) {
        KubernetesResource resource = STRICT.unmarshal(document, KubernetesResource.class);
        if (!(resource instanceof HasMetadata hasMetadata)) {
            throw new IllegalArgumentException("not a Kubernetes object: " + document);
        }
        if (resource instanceof GenericKubernetesResource generic
                && !CUSTOM_KINDS.contains(generic.getApiVersion() + "/" + generic.getKind())) {
            throw new IllegalArgumentException("unknown kind " + generic.getApiVersion() + " " + generic.getKind());
        }
        return hasMetadata;
    }

    @SuppressWarnings("unchecked")
    static <T extends HasMetadata> List<T> ofType(List<HasMetadata> resources, Class<T> type) {
        return resources.stream().filter(type::isInstance).map(resource -> (T) resource).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> resources, Class<T> type, String name) {
        return ofType(resources, type).stream().filter(resource -> Objects.equals(resource.getMetadata().getName(), name))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
    }

    /**
     * fabric8's model classes keep unknown fields in additionalProperties (a Jackson any-setter); here the
     * any-setters are switched off (except on GenericKubernetesResource, which is nothing but them), unknown
     * properties fail, and a value of the wrong type fails instead of being kept aside.
     */
    private static KubernetesSerialization strictSerialization() {
        ObjectMapper mapper = new ObjectMapper()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
                .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                    @Override
                    public Boolean hasAnySetter(Annotated annotated) {
                        return open(annotated) ? super.hasAnySetter(annotated) : Boolean.FALSE;
                    }

                    @Override
                    public boolean hasAnySetterAnnotation(com.fasterxml.jackson.databind.introspect.AnnotatedMethod method) {
                        return open(method) && super.hasAnySetterAnnotation(method);
                    }

                    private boolean open(Annotated annotated) {
                        return annotated instanceof AnnotatedMember member
                                && GenericKubernetesResource.class.isAssignableFrom(member.getDeclaringClass());
                    }
                });
        KubernetesSerialization serialization = new KubernetesSerialization(mapper, true);
        serialization.getUnmatchedFieldTypeModule().setRestrictToTemplates(true);
        serialization.getUnmatchedFieldTypeModule().setLogWarnings(false);
        return serialization;
    }

    private static void copy(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Path relative = source.relativize(path);
                if (relative.toString().endsWith(".tgz") || relative.startsWith("charts")
                        || relative.toString().contains("/charts/")) {
                    continue;
                }
                Path destination = target.resolve(relative.toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else if (relative.toString().contains("templates/")) {
                    Files.writeString(destination, Files.readString(path).replace(HOOK, KEPT_HOOK));
                } else {
                    Files.copy(path, destination, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void delete(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }
}
