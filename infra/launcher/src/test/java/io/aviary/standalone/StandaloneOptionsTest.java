package io.aviary.standalone;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StandaloneOptionsTest {

    @Test
    void defaultsAreTheDocumentedQuickStart() {
        StandaloneOptions options = StandaloneOptions.parse();

        assertThat(options.agents()).isEqualTo(2);
        assertThat(options.commandPort()).isEqualTo(8080);
        assertThat(options.queryPort()).isEqualTo(8081);
        assertThat(options.kafkaPort()).isEqualTo(9092);
        assertThat(options.mongoPort()).isEqualTo(27017);
        assertThat(options.fresh()).isFalse();
    }

    @Test
    void freshAndTheInstanceFoldersLiveUnderHome() {
        StandaloneOptions options = StandaloneOptions.parse("--home=/tmp/av", "--fresh");

        assertThat(options.fresh()).isTrue();
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/av/data"));
        assertThat(options.logDir()).isEqualTo(Path.of("/tmp/av/logs"));
        assertThat(options.agentStateDir("a-1")).isEqualTo(Path.of("/tmp/av/data/agents/a-1"));
    }

    @Test
    void optionsOverrideTheDefaults() {
        StandaloneOptions options = StandaloneOptions.parse("--agents=5", "--command-port=18080", "--home=/tmp/av");

        assertThat(options.agents()).isEqualTo(5);
        assertThat(options.commandPort()).isEqualTo(18080);
        assertThat(options.home()).isEqualTo(Path.of("/tmp/av"));
        assertThat(options.queryPort()).isEqualTo(8081);
    }

    @Test
    void badOptionsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> StandaloneOptions.parse("--agents=many"))
                .hasMessageContaining("--agents must be a whole number");
        assertThatThrownBy(() -> StandaloneOptions.parse("--agents=-1")).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> StandaloneOptions.parse("--kafka-port=70000")).hasMessageContaining("port");
        assertThatThrownBy(() -> StandaloneOptions.parse("--colour=blue")).hasMessageContaining("Unknown option");
        assertThatThrownBy(() -> StandaloneOptions.parse("agents")).hasMessageContaining("--name=value");
    }
}
