package io.aviary.command.security;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document's bearer scheme (Swagger UI's "Authorize" button) and each operation's roles. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

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
}
