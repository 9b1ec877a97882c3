package io.aviary.benchmarks;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkOptionsTest {

    @Test
    void defaultsAreTheIssuesSizes() {
        BenchmarkOptions options = BenchmarkOptions.parse();

        assertThat(options.scenarios()).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7);
        assertThat(options.repeats()).isEqualTo(3);
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(options.rates()).containsExactly(50, 200, 500);
        assertThat(options.agents()).isEqualTo(4);
        assertThat(options.replayEvents()).isEqualTo(1_000_000);
        assertThat(options.queryWorkers()).isEqualTo(10_000);
        assertThat(options.queryTasks()).isEqualTo(1_000_000);
        assertThat(options.totalSlots()).isEqualTo(16);
    }

    @Test
    void quickModeShrinksEverythingAndExplicitOptionsStillWin() {
        BenchmarkOptions options = BenchmarkOptions.parse("--quick", "--duration=7s", "--scenarios=lifecycle,4",
                "--rates=50", "--agent-slots=2", "--replay-models=all", "--latency-duration=1500ms");

        assertThat(options.quick()).isTrue();
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(7));
        assertThat(options.latencyDuration()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.scenarios()).isEqualTo(Set.of(1, 4));
        assertThat(options.rates()).isEqualTo(List.of(50));
        assertThat(options.replayEvents()).isEqualTo(10_000);
        assertThat(options.queryTasks()).isEqualTo(20_000);
        assertThat(options.replayModels()).isEqualTo(BenchmarkOptions.ALL_READ_MODELS);
        assertThat(options.totalSlots()).isEqualTo(8);
    }

    @Test
    void scenariosThreeAndSixRideOnScenarioOnesLoad() {
        assertThat(BenchmarkOptions.parse("--scenarios=6").runsLifecycleLoad()).isTrue();
        assertThat(BenchmarkOptions.parse("--scenarios=2,4,5,7").runsLifecycleLoad()).isFalse();
    }

    @Test
    void badOptionsAreRefusedWithAReason() {
        assertThatThrownBy(() -> BenchmarkOptions.parse("--bogus=1")).hasMessageContaining("Unknown option --bogus");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--repeats=0")).hasMessageContaining("--repeats");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--duration=soon")).hasMessageContaining("--duration");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--scenarios=8")).hasMessageContaining("--scenarios");
        assertThatThrownBy(() -> BenchmarkOptions.parse("--replay-models=nope"))
                .hasMessageContaining("unknown read model nope");
        assertThatThrownBy(() -> BenchmarkOptions.parse("quick")).hasMessageContaining("--name=value");
    }
}
