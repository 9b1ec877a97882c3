package io.aviary.helm;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** values.schema.json refuses bad values at install (and template) time, naming the field. */
class SchemaValidationTest {

    private static final Path BAD_VALUES = Path.of("src/test/resources/bad-values").toAbsolutePath();

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of(BAD_VALUES.resolve("replica-count-as-word.yaml"), "/commandSide/replicaCount",
                        "want integer"),
                Arguments.of(BAD_VALUES.resolve("unknown-agents-mode.yaml"), "/agents/mode",
                        "'deployment', 'daemonset'"),
                Arguments.of("kafka.topics.provisioning=auto-create", "/kafka/topics/provisioning", "must be one of"),
                Arguments.of("podSecurityContext.runAsNonRoot=false", "/podSecurityContext/runAsNonRoot",
                        "must be true"),
                Arguments.of("containerSecurityContext.readOnlyRootFilesystem=false",
                        "/containerSecurityContext/readOnlyRootFilesystem", "must be true"),
                Arguments.of(BAD_VALUES.resolve("container-without-limits.yaml"), "/querySide/resources",
                        "missing property 'limits'"),
                Arguments.of(BAD_VALUES.resolve("inline-mongodb-credentials.yaml"), "/mongodb/uri",
                        "does not match pattern"),
                Arguments.of("postgresql.url=jdbc:postgresql://db:5432/aviary?user=aviary&password=secret",
                        "/postgresql/url", "'not' failed"),
                Arguments.of("mongodb.uri=", "/mongodb", "anyOf"),
                Arguments.of("agents.enrolment.existingSecret=", "/agents/enrolment/existingSecret", "minLength"),
                Arguments.of(BAD_VALUES.resolve("misspelt-key.yaml"), "additional properties 'replicas'",
                        "not allowed"),
                Arguments.of("agents.slots=0", "/agents/slots", "minimum"),
                Arguments.of("agents.taskTypes[0]=a,b", "/agents/taskTypes/0", "does not match pattern"),
                Arguments.of("jvm.maxRamPercentage=99", "/jvm/maxRamPercentage", "maximum"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void bad_values_fail_at_install_naming_the_field(Object values, String field, String reason) {
        assertThatThrownBy(() -> RenderedChart.template(List.of(values)))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(field)
                .hasMessageContaining(reason);
    }
}
