package io.aviary.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code helm lint --strict}, and the chart's version bookkeeping. */
class ChartLintTest {

    @Test
    void lint_strict_reports_no_warning_and_no_error() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(result.getMessages()).noneMatch(m -> m.contains("[WARNING]") || m.contains("[ERROR]"));
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void the_chart_s_app_version_is_the_project_s_release_version() throws IOException {
        // the images are tagged with the Maven version; the chart pins them through appVersion
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher parentVersion = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL).matcher(pom);
        assertThat(parentVersion.find()).isTrue();

        assertThat(RenderedChart.appVersion()).isEqualTo(parentVersion.group(1).replace("-SNAPSHOT", ""));
    }

    @Test
    void the_chart_declares_the_kubernetes_versions_it_renders_for() throws IOException {
        Map<String, Object> chart = RenderedChart.yaml().load(Files.readString(RenderedChart.CHART.resolve("Chart.yaml")));

        assertThat(chart).containsEntry("apiVersion", "v2").containsEntry("name", "aviary")
                .containsEntry("kubeVersion", ">=1.25.0-0");
    }
}
