package io.aviary.agent;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The agent's one JSON configuration: ISO-8601 instants (the event contract), unknown fields ignored (newer events
 * may carry more than this agent knows). Independent of Spring's mapper so the agent reads the same with or without
 * a Spring context.
 */
public final class AgentJson {

    private AgentJson() {
    }

    public static ObjectMapper newMapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
