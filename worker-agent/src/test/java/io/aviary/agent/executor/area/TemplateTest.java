package io.aviary.agent.executor.area;

import com.fasterxml.jackson.core.type.TypeReference;
import io.aviary.agent.AgentJson;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTest {

    private static final Map<String, Object> OUTPUT = Map.of(
            "status", 200,
            "ok", true,
            "title", "Say \"hi\"\\\nnext line",
            "user", Map.of("name", "Ada", "roles", List.of("admin", "dev")),
            "payload", Map.of("ref", "refs/heads/main", "commits", 3));

    private final Template template = Template.forReaction(Map.of("output", OUTPUT), AgentJson.newMapper());

    @Test
    void textFillsPathsIntoTheObjectsAndLists() {
        assertThat(template.text("{{output.user.name}} got {{ output.status }} ({{output.user.roles.1}})"))
                .isEqualTo("Ada got 200 (dev)");
    }

    @Test
    void missingKeysRenderAsTheEmptyString() {
        assertThat(template.text("[{{output.nope}}|{{output.user.name.first}}|{{output.user.roles.7}}|{{other.x}}]"))
                .isEqualTo("[|||]");
    }

    @Test
    void payloadIsShortForTheWebhookPayloadInTheOutput() {
        assertThat(template.text("{{payload.ref}} with {{payload.commits}} commits"))
                .isEqualTo("refs/heads/main with 3 commits");
    }

    @Test
    void somethingThatIsNotAPathIsNotEvaluatedAndStaysAsWritten() {
        assertThat(template.text("{{output.status + 1}} {{T(java.lang.Runtime).getRuntime()}} {{output.status}}"))
                .isEqualTo("{{output.status + 1}} {{T(java.lang.Runtime).getRuntime()}} 200");
    }

    @Test
    void objectsAndListsRenderAsCompactJsonInText() {
        assertThat(template.text("roles={{output.user.roles}}")).isEqualTo("roles=[\"admin\",\"dev\"]");
    }

    @Test
    void inAJsonTemplateAValueInsideAStringIsEscapedAndCannotBreakOut() throws Exception {
        // given a value with quotes, a backslash and a newline, and one that tries to add a member
        Template hostile = Template.forReaction(Map.of("output", Map.of("title", "Say \"hi\"\\\nnext",
                "name", "x\", \"admin\": true, \"y\": \"")), AgentJson.newMapper());

        // when rendered into a JSON body
        String body = hostile.json("{\"text\": \"{{output.title}}\", \"who\": \"{{output.name}}\"}");

        // then the body is valid JSON with exactly the two members, holding the values verbatim
        Map<String, Object> parsed = AgentJson.newMapper().readValue(body, new TypeReference<>() { });
        assertThat(parsed).containsOnlyKeys("text", "who");
        assertThat(parsed.get("text")).isEqualTo("Say \"hi\"\\\nnext");
        assertThat(parsed.get("who")).isEqualTo("x\", \"admin\": true, \"y\": \"");
    }

    @Test
    void inAJsonTemplateAValueOutsideAStringBecomesAJsonValue() throws Exception {
        String body = template.json("{\"status\": {{output.status}}, \"ok\": {{output.ok}}, \"user\": {{output.user}},"
                + " \"title\": {{output.title}}, \"missing\": {{output.nope}}}");

        Map<String, Object> parsed = AgentJson.newMapper().readValue(body, new TypeReference<>() { });
        assertThat(parsed.get("status")).isEqualTo(200);
        assertThat(parsed.get("ok")).isEqualTo(true);
        assertThat(parsed.get("user")).isEqualTo(OUTPUT.get("user"));
        assertThat(parsed.get("title")).isEqualTo(OUTPUT.get("title"));
        assertThat(parsed.get("missing")).isEqualTo("");
    }

    @Test
    void anEscapedQuoteInTheTemplateDoesNotConfuseWhereStringsEnd() throws Exception {
        String body = template.json("{\"a\": \"quote \\\" then {{output.title}}\", \"b\": {{output.status}}}");

        Map<String, Object> parsed = AgentJson.newMapper().readValue(body, new TypeReference<>() { });
        assertThat(parsed.get("a")).isEqualTo("quote \" then " + OUTPUT.get("title"));
        assertThat(parsed.get("b")).isEqualTo(200);
    }

    @Test
    void aStructureKeepsTheTypeOfAWholePlaceholderAndRendersOtherLeavesAsText() {
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("status", "{{output.status}}");
        given.put("user", "{{output.user}}");
        given.put("line", "HTTP {{output.status}} for {{output.user.name}}");
        given.put("list", List.of("{{output.ok}}", 7, "{{output.nope}}"));
        given.put("fixed", 1.5);

        Object rendered = template.structure(given);

        assertThat(rendered).isEqualTo(Map.of("status", 200, "user", OUTPUT.get("user"), "line", "HTTP 200 for Ada",
                "list", List.of(true, 7, ""), "fixed", 1.5));
    }

    @Test
    void aReactionWithoutOutputRendersEveryPlaceholderEmpty() {
        Template empty = Template.forReaction(Map.of(), AgentJson.newMapper());

        assertThat(empty.text("a{{output.x}}b{{payload.y}}c")).isEqualTo("abc");
    }
}
