package io.aviary.command.user;

import io.aviary.command.security.AuthProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile refuses to start without an admin password; elsewhere one is generated. */
class AdminBootstrapTest {

    @Test
    void profile_prod_without_an_admin_password_refuses_to_start() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");

        assertThatThrownBy(() -> new AdminBootstrap(null, null, properties(Map.of()), environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AVIARY_ADMIN_PASSWORD")
                .hasMessageContaining("prod");
    }

    @Test
    void profile_prod_with_an_admin_password_starts() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("prod");

        assertThatCode(() -> new AdminBootstrap(null, null,
                properties(Map.of("aviary.auth.admin-password", "a-long-enough-password")), environment))
                .doesNotThrowAnyException();
    }

    @Test
    void without_profile_prod_a_missing_password_is_fine_it_will_be_generated() {
        assertThatCode(() -> new AdminBootstrap(null, null, properties(Map.of()), new MockEnvironment()))
                .doesNotThrowAnyException();
    }

    @Test
    void a_configured_password_shorter_than_the_policy_is_refused() {
        assertThatThrownBy(() -> new AdminBootstrap(null, null,
                properties(Map.of("aviary.auth.admin-password", "short")), new MockEnvironment()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("AVIARY_ADMIN_PASSWORD");
    }

    /** The properties as Spring binds them, defaults included. */
    private static AuthProperties properties(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("aviary.auth", AuthProperties.class);
    }
}
