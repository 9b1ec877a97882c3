package io.aviary.command.area.condition;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The condition language: what is refused at definition time, and how what is accepted evaluates. */
class ConditionsTest {

    private static final Map<String, Object> OUTPUT = Map.of(
            "status", 200,
            "body", "ok: all systems operational",
            "content-type", "application/json",
            "items", List.of(3, 5, 8),
            "nested", Map.of("count", 4, "name", "aviary"));

    private final ConditionEvaluator evaluator = new ConditionEvaluator();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "output.toString()                            | method calls are not allowed",
            "''.getClass()                                | method calls are not allowed",
            "output.body.length() > 3                     | method calls are not allowed",
            "T(java.lang.Runtime)                         | type references (T(...)) are not allowed",
            "T(java.lang.Runtime).getRuntime().exec('id') | type references (T(...)) are not allowed",
            "new java.io.File('/etc/passwd')              | constructors (new ...) are not allowed",
            "@commandGateway                              | bean references (@...) are not allowed",
            "&factoryBean                                 | bean references (@...) are not allowed",
            "output.status = 500                          | assignments are not allowed",
            "output.items.![#this * 2]                    | projections (.![...]) are not allowed",
            "output.items.?[#this > 4]                    | selections (.?[...]) are not allowed",
            "#root                                        | variables (#...) are not allowed",
            "#this == null                                | variables (#...) are not allowed",
            "{1, 2}.size() == 2                           | inline lists are not allowed",
            "{a: 1} != null                               | inline maps are not allowed",
            "output.status instanceof T(Integer)          | instanceof is not allowed",
            "output.status between {1, 500}               | between is not allowed",
            "status == 200                                | may only read from 'output'",
            "systemProperties['user.home'] != null        | may only read from 'output'",
            "output.items[output.status] > 1              | an index must be a string or a whole number",
            "output.body matches output.body              | 'matches' needs a literal regular expression",
            "output.body matches '('                      | invalid regular expression",
            "output.status ==                             | is not a valid expression",
    })
    void is_refused_at_definition_time_saying_why(String condition, String why) {
        assertThatThrownBy(() -> Conditions.parse(condition))
                .isInstanceOf(InvalidConditionException.class)
                .hasMessageContaining(why);
    }

    @Test
    void a_huge_condition_is_refused() {
        String tooLong = "output.status == 200 and " + "output.status == 200 and ".repeat(30) + "true";
        String manyNodes = "output.status == " + "1 + ".repeat(60) + "1";

        assertThat(tooLong.length()).isGreaterThan(Conditions.MAX_LENGTH);
        assertThatThrownBy(() -> Conditions.parse(tooLong)).hasMessageContaining("longer than 500 characters");
        assertThat(manyNodes.length()).isLessThanOrEqualTo(Conditions.MAX_LENGTH);
        assertThatThrownBy(() -> Conditions.parse(manyNodes)).hasMessageContaining("more than 100 parts");
        assertThatThrownBy(() -> Conditions.parse("output.body matches '" + "a".repeat(201) + "'"))
                .hasMessageContaining("regular expression longer than 200");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "true                                                  | true",
            "false                                                 | false",
            "output.status == 200                                  | true",
            "output.status != 200                                  | false",
            "output.status == 200 and output.body matches 'ok.*'   | true",
            "output.status == 200 and output.body matches 'down.*' | false",
            "output['content-type'] == 'application/json'          | true",
            "output.items[1] == 5 && output.items[2] > 7           | true",
            "output.nested.count * 2 + 1 == 9                      | true",
            "output.nested['name'] == 'aviary' or false            | true",
            "not (output.status >= 500)                            | true",
            "!(output.status < 300)                                | false",
            "output.missing == null                                | true",
            "output.missing?.deeper == null                        | true",
            "(output.status ?: 0) % 2 == 0 ? true : false          | true",
            "output.status > 100 and output.status <= 299          | true",
    })
    void an_accepted_condition_is_evaluated_on_the_output(String condition, boolean holds) {
        assertThat(Conditions.parse(condition)).isNotNull();
        assertThat(evaluator.holds(condition, OUTPUT)).isEqualTo(holds);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void an_empty_condition_always_holds(String condition) {
        assertThat(Conditions.parse(condition)).isNull();
        assertThat(evaluator.holds(condition, Map.of())).isTrue();
        assertThat(evaluator.holds(null, Map.of())).isTrue();
    }

    @Test
    void a_condition_that_cannot_be_evaluated_on_this_output_does_not_hold() {
        // not a boolean; a property of a string; a division by zero
        assertThat(evaluator.holds("output.status", OUTPUT)).isFalse();
        assertThat(evaluator.holds("output.body.bytes != null", OUTPUT)).isFalse();
        assertThat(evaluator.holds("output.status / 0 == 1", OUTPUT)).isFalse();
    }

    @Test
    void evaluation_cannot_write_to_the_output() {
        Map<String, Object> output = new java.util.HashMap<>(OUTPUT);

        // assignment is refused by the parser; the evaluation context itself is read-only as a second wall
        assertThatThrownBy(() -> Conditions.parse("output.status = 1")).isInstanceOf(InvalidConditionException.class);
        assertThat(new ReadOnlyMapAccessor().canWrite(null, output, "status")).isFalse();
        assertThat(output).containsEntry("status", 200);
    }
}
