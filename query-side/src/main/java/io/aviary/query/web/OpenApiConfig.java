package io.aviary.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Names the API in {@code /v3/api-docs} and Swagger UI. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI aviaryQueryApi() {
        return new OpenAPI().info(new Info()
                .title("Aviary Query API")
                .version("v1")
                .description("Read models of the fleet and its tasks, as projected from the event log. "
                        + "Errors are RFC 9457 problem details. Every operation needs a bearer token (an access "
                        + "token of the command side) and names the roles it admits (x-aviary-roles)."));
    }
}
