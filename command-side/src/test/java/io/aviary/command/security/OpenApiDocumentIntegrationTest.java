package io.aviary.command.security;

import com.fasterxml.jackson.databind.JsonNode;
import io.aviary.command.CommandSideIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v3/api-docs} tells a client what each operation is called, answers and needs. */
class OpenApiDocumentIntegrationTest extends CommandSideIntegrationTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Autowired
    private TestRestTemplate http;

    private JsonNode api;

    @BeforeEach
    void fetchDocument() {
        api = http.getForObject("/v3/api-docs", JsonNode.class);
    }

    @Test
    void the_document_names_the_api_and_its_project_version() {
        assertThat(api.at("/info/title").asText()).isEqualTo("Aviary command API");
        assertThat(api.at("/info/version").asText()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(api.at("/info/description").asText()).isNotBlank();
    }

    @Test
    void every_operation_has_a_unique_readable_id_and_a_tag() {
        List<String> ids = new ArrayList<>();
        operations().forEach(op -> {
            ids.add(op.node().path("operationId").asText());
            assertThat(op.node().path("tags")).as("%s tags", op.name()).isNotEmpty();
        });

        assertThat(ids).isNotEmpty().doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[a-z][A-Za-z]+"));
        assertThat(api.at("/paths/~1api~1v1~1tasks/post/operationId").asText()).isEqualTo("createTask");
        assertThat(api.at("/paths/~1api~1v1~1tasks~1{taskId}~1cancel/post/operationId").asText())
                .isEqualTo("cancelTask");
        assertThat(api.at("/paths/~1api~1v1~1tasks/post/tags").toString()).isEqualTo("[\"tasks\"]");
    }

    @Test
    void no_response_is_documented_as_any_media_type() {
        operations().forEach(op -> op.node().path("responses").properties().forEach(response ->
                assertThat(response.getValue().path("content").has("*/*"))
                        .as("%s %s uses */*", op.name(), response.getKey()).isFalse()));
    }

    @Test
    void creating_a_task_documents_202_and_its_problems() {
        JsonNode responses = api.at("/paths/~1api~1v1~1tasks/post/responses");

        assertThat(responses.has("200")).isFalse();
        assertThat(responses.at("/202/content").has("application/json")).isTrue();
        for (String status : List.of("400", "401", "403", "409", "413", "500")) {
            assertThat(responses.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                    .as(status).isEqualTo("#/components/schemas/ProblemDetail");
        }
        assertThat(api.at("/components/schemas/ProblemDetail/properties").has("status")).isTrue();
    }

    @Test
    void success_statuses_follow_what_the_handlers_answer() {
        assertThat(api.at("/paths/~1api~1v1~1users/post/responses").has("201")).isTrue();
        assertThat(api.at("/paths/~1api~1v1~1auth~1logout/post/responses").has("204")).isTrue();
        assertThat(api.at("/paths/~1api~1v1~1tasks:batch/post/responses").has("200")).isTrue();
        assertThat(api.at("/paths/~1api~1v1~1connections~1{name}/delete/responses").has("204")).isTrue();
        assertThat(api.at("/paths/~1api~1v1~1workers/post/responses").has("202")).isTrue();
    }

    @Test
    void every_protected_operation_documents_401_and_403_and_every_path_id_404() {
        operations().forEach(op -> {
            boolean open = op.node().path(RolesOperationCustomizer.EXTENSION).isEmpty();
            JsonNode responses = op.node().path("responses");
            if (!open) {
                assertThat(responses.has("401")).as("%s documents 401", op.name()).isTrue();
                assertThat(responses.has("403")).as("%s documents 403", op.name()).isTrue();
            }
            if (op.path().matches(".*\\{[^}]+}.*")) {
                assertThat(responses.has("404")).as("%s documents 404", op.name()).isTrue();
            }
            assertThat(responses.has("500")).as("%s documents 500", op.name()).isTrue();
        });
        assertThat(api.at("/paths/~1api~1v1~1auth~1login/post/responses").has("403")).isFalse();
    }

    private List<Op> operations() {
        List<Op> operations = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : api.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Op(path.getKey(), op.getKey(), op.getValue()));
                }
            }
        }
        return operations;
    }

    private record Op(String path, String method, JsonNode node) {
        String name() {
            return method.toUpperCase() + " " + path;
        }
    }
}
