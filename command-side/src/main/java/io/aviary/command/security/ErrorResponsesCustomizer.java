package io.aviary.command.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.tags.Tag;
import org.springdoc.core.customizers.OpenApiCustomizer;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;

/**
 * Documents the errors each operation can answer, as {@code application/problem+json} {@code ProblemDetail}s
 * (RFC 9457): 400 with a body or parameters, 401 and 403 unless it is public ({@value RolesOperationCustomizer#EXTENSION}
 * empty), 404 with an id in its path, 409 for a command (answered 202), 413 with a body, 500 always. Also lists the
 * operations' tags at the top of the document.
 */
class ErrorResponsesCustomizer implements OpenApiCustomizer {

    static final String PROBLEM_SCHEMA = "ProblemDetail";
    private static final String PROBLEM_JSON = "application/problem+json";

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemDetail());
        TreeSet<String> tags = new TreeSet<>();
        if (openApi.getPaths() != null) {
            openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
                documentErrors(path, operation);
                if (operation.getTags() != null) {
                    tags.addAll(operation.getTags());
                }
            }));
        }
        openApi.setTags(tags.stream().map(name -> new Tag().name(name)).toList());
    }

    private static void documentErrors(String path, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean body = operation.getRequestBody() != null;
        boolean parameters = operation.getParameters() != null && !operation.getParameters().isEmpty();
        if (body || parameters) {
            add(responses, 400, "The request is malformed or invalid");
        }
        if (!isPublic(operation)) {
            add(responses, 401, "No valid bearer token");
            add(responses, 403, "The token lacks a role this operation needs");
        }
        if (path.contains("{")) {
            add(responses, 404, "Nothing has the id in the path");
        }
        if (responses.containsKey("202")) {
            add(responses, 409, "The command conflicts with the current state");
        }
        if (body) {
            add(responses, 413, "The body is too large");
        }
        add(responses, 500, "Unexpected error");
    }

    private static boolean isPublic(Operation operation) {
        Object roles = operation.getExtensions() == null ? null
                : operation.getExtensions().get(RolesOperationCustomizer.EXTENSION);
        return roles instanceof Collection<?> declared && declared.isEmpty();
    }

    private static void add(ApiResponses responses, int status, String description) {
        responses.computeIfAbsent(String.valueOf(status), code -> new ApiResponse().description(description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)))));
    }

    private static Schema<?> problemDetail() {
        return new ObjectSchema()
                .description("An RFC 9457 problem detail; members beyond these may be present")
                .addProperty("type", new StringSchema().format("uri").description("The problem type"))
                .addProperty("title", new StringSchema().description("A short summary of the problem type"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong in this occurrence"))
                .addProperty("instance", new StringSchema().format("uri").description("The request's path"))
                .required(List.of("title", "status"));
    }
}
