package io.aviary.command.web;

import io.aviary.command.task.CreateTaskRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Task payloads must be storable downstream: size, nesting and keys (found by the reliability fuzzing). */
class StorableJsonValidatorTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    @Test
    void a_payload_with_operators_and_dotted_keys_is_fine() {
        assertThat(violations(Map.of("$where", Map.of("$gt", ""), "a.b", List.of(1, 2), "__proto__", "x"))).isEmpty();
    }

    @Test
    void a_nul_character_in_a_key_is_refused_naming_the_field_because_bson_cannot_store_it() {
        assertThat(violations(Map.of("nested", Map.of("a\u0000b", 1))))
                .singleElement().satisfies(violation -> {
                    assertThat(violation.getPropertyPath()).hasToString("payload");
                    assertThat(violation.getMessage()).contains("NUL");
                });
        assertThat(violations(Map.of("a key with \u0000", "x"))).isNotEmpty();
        assertThat(violations(Map.of("plain", "a value with \u0000 is storable"))).isEmpty();
    }

    @Test
    void a_payload_nested_deeper_than_32_levels_is_refused() {
        Map<String, Object> deep = new HashMap<>();
        Map<String, Object> current = deep;
        for (int i = 0; i < 32; i++) {
            Map<String, Object> next = new HashMap<>();
            current.put("a", next);
            current = next;
        }
        assertThat(violations(deep)).singleElement()
                .satisfies(violation -> assertThat(violation.getMessage()).contains("nested at most 32"));
        assertThat(violations((Map<String, Object>) deep.get("a"))).isEmpty();
    }

    @Test
    void a_payload_over_64_kib_is_refused() {
        assertThat(violations(Map.of("blob", "x".repeat(64 * 1024)))).singleElement()
                .satisfies(violation -> assertThat(violation.getMessage()).contains("65536 bytes"));
        assertThat(violations(Map.of("blob", "x".repeat(64 * 1024 - 11)))).isEmpty();
    }

    private static Set<ConstraintViolation<CreateTaskRequest>> violations(Map<String, Object> payload) {
        return VALIDATOR.validate(new CreateTaskRequest("noop", payload, null, null, null, null, null));
    }
}
