package io.aviary.agent;

import io.aviary.agent.auth.AgentAuthException;
import io.aviary.agent.command.CommandSession;
import io.aviary.agent.command.RegistrationRejectedException;
import io.aviary.agent.connection.ConnectionSecrets;
import io.aviary.agent.executor.ExecutorRegistry;
import io.aviary.agent.executor.TaskExecutor;
import io.aviary.agent.executor.area.HttpPollExecutor;
import io.aviary.agent.executor.area.HttpPostExecutor;
import io.aviary.agent.executor.area.LogExecutor;
import io.aviary.agent.executor.area.TaskCreateExecutor;
import io.aviary.agent.executor.area.TimerTickExecutor;
import io.aviary.agent.executor.area.WebhookReceivedExecutor;
import io.aviary.agent.executor.builtin.FailExecutor;
import io.aviary.agent.executor.builtin.HttpExecutor;
import io.aviary.agent.executor.builtin.NoopExecutor;
import io.aviary.agent.executor.builtin.SleepExecutor;
import io.aviary.agent.executor.http.HttpAllowList;
import io.aviary.agent.identity.OshiHardwareFacts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.util.List;

/** Wires the agent: built-in and AREA executors, the executor registry (every {@link TaskExecutor} bean), the agent itself. */
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
    HttpAllowList httpAllowList(AgentProperties properties) {
        return new HttpAllowList(properties.httpAllowedHosts());
    }

    @Bean
    HttpExecutor httpExecutor(HttpAllowList allowList) {
        return new HttpExecutor(allowList, AgentJson.newMapper());
    }

    @Bean
    CommandSession commandSession() {
        return new CommandSession();
    }

    @Bean
    ConnectionSecrets connectionSecrets(CommandSession session, Clock clock) {
        return new ConnectionSecrets(session, AgentJson.newMapper(), clock);
    }

    @Bean
    HttpPollExecutor httpPollExecutor(HttpAllowList allowList, ConnectionSecrets connections) {
        return new HttpPollExecutor(allowList, connections);
    }

    @Bean
    WebhookReceivedExecutor webhookReceivedExecutor() {
        return new WebhookReceivedExecutor();
    }

    @Bean
    TimerTickExecutor timerTickExecutor(Clock clock) {
        return new TimerTickExecutor(clock);
    }

    @Bean
    HttpPostExecutor httpPostExecutor(HttpAllowList allowList, ConnectionSecrets connections) {
        return new HttpPostExecutor(allowList, connections, AgentJson.newMapper());
    }

    @Bean
    TaskCreateExecutor taskCreateExecutor() {
        return new TaskCreateExecutor(AgentJson.newMapper());
    }

    @Bean
    LogExecutor logExecutor() {
        return new LogExecutor(AgentJson.newMapper());
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
    Agent agent(AgentProperties properties, ExecutorRegistry executors, Clock clock, CommandSession session,
                ApplicationContext context, MeterRegistry meterRegistry) {
        return new Agent(properties, executors, new OshiHardwareFacts(), clock, error -> exit(context,
                exitStatus(error)), session, meterRegistry);
    }

    /** {@code aviary_agent_busy_slots}: slots running an attempt now (of {@code aviary.agent.slots}). */
    @Bean
    MeterBinder agentBusySlots(Agent agent) {
        return registry -> Gauge.builder("aviary.agent.busy.slots", agent, Agent::busySlots)
                .description("Slots of this agent running an attempt now")
                .register(registry);
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
