package io.aviary.agent;

import io.aviary.agent.auth.AgentAuthException;
import io.aviary.agent.command.RegistrationRejectedException;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.executor.TaskExecutor;
import io.aviary.agent.executor.builtin.FailExecutor;
import io.aviary.agent.executor.builtin.HttpExecutor;
import io.aviary.agent.executor.builtin.NoopExecutor;
import io.aviary.agent.executor.builtin.SleepExecutor;
import io.aviary.agent.identity.OshiHardwareFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/** Wires the agent: built-in executors, the executor registry (every {@link TaskExecutor} bean), the agent itself. */
@Configuration(proxyBeanMethods = false)
class AgentConfiguration {

    /**
     * Exit status when the agent cannot run as configured (sysexits.h EX_CONFIG): its name is taken, it has neither
     * credentials nor an enrolment token, or its enrolment token or credentials were refused.
     */
    static final int EXIT_CONFIG = 78;
    /** Exit status for any other fatal error (sysexits.h EX_SOFTWARE), e.g. the state dir cannot be written. */
    static final int EXIT_SOFTWARE = 70;
    private static final Logger log = LoggerFactory.getLogger(AgentConfiguration.class);

    @Bean
    NoopExecutor noopExecutor() {
        return new NoopExecutor();
    }

    @Bean
    SleepExecutor sleepExecutor() {
        return new SleepExecutor();
    }

    @Bean
    FailExecutor failExecutor() {
        return new FailExecutor();
    }

    @Bean
    HttpExecutor httpExecutor(AgentProperties properties) {
        return new HttpExecutor(properties.httpAllowedHosts(), AgentJson.newMapper());
    }

    @Bean
    ExecutorRegistry executorRegistry(List<TaskExecutor> executors) {
        return new ExecutorRegistry(executors);
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Agent agent(AgentProperties properties, ExecutorRegistry executors, Clock clock, ApplicationContext context) {
        return new Agent(properties, executors, new OshiHardwareFacts(), clock, error -> exit(context,
                exitStatus(error)));
    }

    static int exitStatus(Throwable fatal) {
        return fatal instanceof RegistrationRejectedException || fatal instanceof AgentAuthException
                ? EXIT_CONFIG : EXIT_SOFTWARE;
    }

    @Bean
    AgentLifecycle agentLifecycle(Agent agent) {
        return new AgentLifecycle(agent);
    }

    @Bean
    HealthIndicator agentHealthIndicator(Agent agent, Clock clock) {
        return new AgentHealthIndicator(agent, clock);
    }

    /**
     * Exits from a fresh thread: closing the context stops the agent, which waits for the agent's thread, the one
     * reporting the fatal error.
     */
    private static void exit(ApplicationContext context, int status) {
        Thread exit = new Thread(() -> {
            log.error("Worker agent exits with status {}", status);
            System.exit(SpringApplication.exit(context, () -> status));
        }, "aviary-agent-exit");
        exit.start();
    }
}
