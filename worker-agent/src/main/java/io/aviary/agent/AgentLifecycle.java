package io.aviary.agent;

import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link Agent} with the application context: started once the context is refreshed (the agent's start-up
 * continues on its own thread, so the actuator probes answer meanwhile), stopped first on shutdown.
 */
class AgentLifecycle implements SmartLifecycle {

    private final Agent agent;
    private volatile boolean running;

    AgentLifecycle(Agent agent) {
        this.agent = agent;
    }

    @Override
    public void start() {
        agent.start();
        running = true;
    }

    @Override
    public void stop() {
        agent.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * After the web server's phases ({@code DEFAULT_PHASE - 2048} start/stop, {@code - 1024} graceful shutdown): the
     * agent starts once the probes answer and stops before them, so readiness reports DOWN while tasks finish.
     */
    @Override
    public int getPhase() {
        return DEFAULT_PHASE - 512;
    }
}
