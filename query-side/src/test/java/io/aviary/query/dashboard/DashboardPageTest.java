package io.aviary.query.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.infra.EmbeddedStack;
import io.aviary.query.security.TestIdentityProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard is reachable before anyone logged in (page, scripts, its configuration), while the API behind it
 * still wants a token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "aviary.dashboard.command-url=https://aviary.example.org:8443/")
class DashboardPageTest {

    private static final EmbeddedStack stack = EmbeddedStack.shared();

    @Autowired
    private TestRestTemplate http;

    @Autowired
    private ObjectMapper json;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.data.mongodb.uri", stack::mongoUri);
        registry.add("aviary.mongo.database", () -> stack.newDatabaseName("dashboard_page"));
        TestIdentityProvider.shared().register(registry);
    }

    @Test
    void the_page_is_served_at_the_root_without_a_token() {
        ResponseEntity<String> page = http.getForEntity("/", String.class);

        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(page.getBody()).contains("<title>Aviary</title>")
                .contains("<script type=\"module\" src=\"/dashboard/app.js\"></script>");
        // scripts only from here; calls only to here and the command side
        assertThat(page.getHeaders().getFirst("Content-Security-Policy"))
                .contains("script-src 'self'")
                .contains("connect-src 'self' https://aviary.example.org:8443;")
                .contains("frame-ancestors 'none'");
    }

    @Test
    void scripts_and_styles_are_served_without_a_token() {
        for (String path : new String[] {"/dashboard/app.js", "/dashboard/auth.js", "/dashboard/chart.js",
                "/dashboard/pages/analytics.js", "/dashboard/app.css"}) {
            ResponseEntity<String> resource = http.getForEntity(path, String.class);
            assertThat(resource.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            assertThat(resource.getBody()).as(path).isNotBlank();
        }
        assertThat(http.getForEntity("/dashboard/app.js", String.class).getHeaders().getContentType().toString())
                .contains("javascript");
    }

    @Test
    void the_configuration_says_where_the_command_side_is() throws Exception {
        ResponseEntity<String> config = http.getForEntity("/dashboard/config.json", String.class);

        assertThat(config.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode body = json.readTree(config.getBody());
        assertThat(body.get("commandUrl").asText()).isEqualTo("https://aviary.example.org:8443");
        assertThat(body.get("streamPath").asText()).isEqualTo("/api/v1/stream");
        assertThat(body.get("streamEnabled").asBoolean()).isTrue();
    }

    @Test
    void the_api_behind_the_page_still_wants_a_token() {
        ResponseEntity<String> workers = http.getForEntity("/api/v1/workers", String.class);

        assertThat(workers.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(workers.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void an_unknown_page_is_a_problem_not_the_dashboard() {
        ResponseEntity<String> missing = http.getForEntity("/dashboard/nope.js", String.class);

        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
