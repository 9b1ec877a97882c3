package io.aviary.command.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document: its name and version, the bearer scheme (Swagger UI's "Authorize" button), each operation's
 * roles, id, tag and success status, and the problems each can answer.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI aviaryCommandApi(ObjectProvider<BuildProperties> build,
                             @Value("${springdoc.open-api.info.version:}") String filteredVersion) {
        return new OpenAPI().info(new Info()
                .title("Aviary command API")
                .version(ApiVersion.of(build.getIfAvailable(), filteredVersion, OpenApiConfiguration.class))
                .description("Commands to the fleet: tasks, workers, agents, AREAs, connections, users and billing. "
                        + "A command is accepted with 202 and takes effect asynchronously; read the outcome from "
                        + "the query API. Errors are RFC 9457 problem details. Each operation names the roles it "
                        + "admits (x-aviary-roles)."));
    }

    @Bean
    OpenApiCustomizer bearerScheme() {
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(RolesOperationCustomizer.BEARER_SCHEME, new SecurityScheme()
                    .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                    .description("Access token from POST /api/v1/auth/login (people) or POST /api/v1/agents/token "
                            + "(agents)"));
        };
    }

    @Bean
    RolesOperationCustomizer rolesOperationCustomizer() {
        return new RolesOperationCustomizer();
    }

    @Bean
    DocumentedOperationCustomizer documentedOperationCustomizer() {
        return new DocumentedOperationCustomizer();
    }

    @Bean
    ErrorResponsesCustomizer errorResponsesCustomizer() {
        return new ErrorResponsesCustomizer();
    }
}
