package io.aviary.helm;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * values.yaml documents every parameter with {@code ## @param <key> <description>} (readme-generator-for-helm style),
 * so a README table can be generated from it and no value is left unexplained.
 */
class ValuesDocumentationTest {

    private static final Pattern PARAM = Pattern.compile("^\\s*## @param (\\S+)(.*)$", Pattern.MULTILINE);

    @Test
    void every_value_has_a_param_line_and_every_param_line_names_a_value() throws IOException {
        String text = Files.readString(RenderedChart.CHART.resolve("values.yaml"));
        Map<String, Object> values = RenderedChart.yaml().load(text);

        TreeSet<String> leaves = new TreeSet<>();
        collectLeaves("", values, leaves);
        TreeSet<String> documented = new TreeSet<>();
        Matcher matcher = PARAM.matcher(text);
        while (matcher.find()) {
            assertThat(documented.add(matcher.group(1))).as("documented twice: " + matcher.group(1)).isTrue();
            assertThat(matcher.group(2).trim()).as("description of " + matcher.group(1)).isNotEmpty();
        }

        assertThat(documented).as("@param lines").containsExactlyElementsOf(leaves);
    }

    @Test
    void every_documented_section_is_named() throws IOException {
        List<String> sections = Files.readAllLines(RenderedChart.CHART.resolve("values.yaml")).stream()
                .filter(line -> line.startsWith("## @section")).toList();

        assertThat(sections).hasSizeGreaterThanOrEqualTo(10)
                .allSatisfy(line -> assertThat(line.substring("## @section".length()).trim()).isNotEmpty());
    }

    /** A leaf is a scalar, a list or an empty map: what a user sets as a whole. */
    @SuppressWarnings("unchecked")
    private static void collectLeaves(String prefix, Map<String, Object> map, TreeSet<String> leaves) {
        map.forEach((key, value) -> {
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                collectLeaves(path, (Map<String, Object>) child, leaves);
            } else {
                leaves.add(path);
            }
        });
    }
}
