package io.aviary.agent.executor;

import io.aviary.agent.executor.builtin.FailExecutor;
import io.aviary.agent.executor.builtin.NoopExecutor;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExecutorRegistryTest {

    @Test
    void findsExecutorsByType() {
        ExecutorRegistry registry = new ExecutorRegistry(List.of(new NoopExecutor(), new FailExecutor()));

        assertThat(registry.types()).containsExactly("fail", "noop");
        assertThat(registry.find("noop")).containsInstanceOf(NoopExecutor.class);
        assertThat(registry.find("teleport")).isEmpty();
    }

    @Test
    void twoExecutorsForOneTypeAreRefused() {
        assertThatThrownBy(() -> new ExecutorRegistry(List.of(new NoopExecutor(), new NoopExecutor())))
                .hasMessageContaining("Two executors for task type 'noop'");
    }
}
