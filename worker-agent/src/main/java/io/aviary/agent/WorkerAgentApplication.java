package io.aviary.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * An Aviary worker agent: enrols with its hardware id, heartbeats, consumes execution events from Kafka, runs
 * executors in its slots and reports to the command API. Runs as its own process ({@code java -jar
 * aviary-worker-agent.jar}), configured by {@code AVIARY_*} environment variables (see {@link AgentProperties}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkerAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(WorkerAgentApplication.class, args);
    }
}
