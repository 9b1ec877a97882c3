package io.aviary.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The chart rendered by {@code helm template} (helm-java's bundled Helm, in this JVM) and parsed into plain maps, with
 * the look-ups the tests share. Renders are cached per value set: the same set is asserted by several test classes.
 */
final class RenderedChart {

    static final Path CHART = Path.of("aviary").toAbsolutePath();
    static final Path CI_VALUES = CHART.resolve("ci");
    static final String RELEASE = "aviary";
    static final String NAMESPACE = "aviary-test";
    /**
     * helm-java's Helm library defaults to Kubernetes v1.20.0 for client-only renders (no cluster here), below the
     * chart's {@code kubeVersion: >=1.25.0-0}; the helm CLI defaults to its client-go's version. Any supported one does.
     */
    static final String KUBE_VERSION = "1.31.0";

    private static final Map<List<Object>, RenderedChart> CACHE = new ConcurrentHashMap<>();

    private final List<Map<String, Object>> documents;

    private RenderedChart(List<Map<String, Object>> documents) {
        this.documents = documents;
    }

    /** The chart's defaults. */
    static RenderedChart defaults() {
        return render(List.of());
    }

    /** The chart with one of its {@code ci/*-values.yaml} files. */
    static RenderedChart withCiValues(String fileName) {
        return render(List.of(CI_VALUES.resolve(fileName)));
    }

    /**
     * Renders with values files ({@link Path}) and {@code --set} pairs ({@code "key=value"} strings), in order.
     * Throws {@link IllegalStateException} with Helm's message when the values are refused or a template fails.
     */
    static RenderedChart render(List<Object> values) {
        return CACHE.computeIfAbsent(List.copyOf(values), key -> new RenderedChart(parse(template(key))));
    }

    static String template(List<Object> values) {
        TemplateCommand command = new Helm(CHART).template()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .withKubeVersion(KUBE_VERSION);
        for (Object value : values) {
            if (value instanceof Path file) {
                command = command.withValuesFile(file);
            } else {
                String[] pair = value.toString().split("=", 2);
                command = command.set(pair[0], pair[1]);
            }
        }
        return command.call();
    }

    static String appVersion() {
        try {
            Map<String, Object> chart = yaml().load(Files.readString(CHART.resolve("Chart.yaml")));
            return chart.get("appVersion").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> parse(String manifest) {
        List<Map<String, Object>> parsed = new ArrayList<>();
        for (Object document : yaml().loadAll(manifest)) {
            if (document != null) {
                parsed.add((Map<String, Object>) document);
            }
        }
        return List.copyOf(parsed);
    }

    List<Map<String, Object>> all() {
        return documents;
    }

    List<Map<String, Object>> ofKind(String kind) {
        return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
    }

    Optional<Map<String, Object>> find(String kind, String name) {
        return ofKind(kind).stream().filter(d -> name.equals(str(d, "metadata", "name"))).findFirst();
    }

    Map<String, Object> get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered; got "
                + documents.stream().map(d -> d.get("kind") + "/" + str(d, "metadata", "name")).toList()));
    }

    /** Deployments, DaemonSets, StatefulSets and Jobs: everything that runs a pod. */
    List<Map<String, Object>> workloads() {
        return documents.stream()
                .filter(d -> List.of("Deployment", "DaemonSet", "StatefulSet", "Job").contains(d.get("kind")))
                .toList();
    }

    /** The long-running apps (Deployments and DaemonSets), which must have probes. */
    List<Map<String, Object>> apps() {
        return documents.stream().filter(d -> List.of("Deployment", "DaemonSet").contains(d.get("kind"))).toList();
    }

    static Map<String, Object> podSpec(Map<String, Object> workload) {
        return map(workload, "spec", "template", "spec");
    }

    /** Containers and init containers of a workload. */
    static List<Map<String, Object>> containers(Map<String, Object> workload) {
        Map<String, Object> pod = podSpec(workload);
        return Stream.of(list(pod, "containers"), list(pod, "initContainers"))
                .flatMap(List::stream)
                .map(RenderedChart::asMap)
                .toList();
    }

    static Map<String, Object> container(Map<String, Object> workload) {
        return asMap(list(podSpec(workload), "containers").get(0));
    }

    static Optional<Map<String, Object>> env(Map<String, Object> container, String name) {
        return list(container, "env").stream().map(RenderedChart::asMap)
                .filter(e -> name.equals(e.get("name"))).findFirst();
    }

    static String envValue(Map<String, Object> container, String name) {
        return env(container, name).map(e -> (String) e.get("value"))
                .orElseThrow(() -> new AssertionError("no env " + name + " in container " + container.get("name")));
    }

    static String name(Map<String, Object> resource) {
        return str(resource, "metadata", "name");
    }

    // --- navigation in parsed YAML ---

    @SuppressWarnings("unchecked")
    static Map<String, Object> asMap(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    static Object at(Map<String, Object> root, String... path) {
        Object current = root;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    static Map<String, Object> map(Map<String, Object> root, String... path) {
        return asMap(at(root, path));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Map<String, Object> root, String... path) {
        Object value = at(root, path);
        return value == null ? List.of() : (List<Object>) value;
    }

    static String str(Map<String, Object> root, String... path) {
        return Objects.toString(at(root, path), null);
    }
}
