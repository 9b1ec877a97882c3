/**
 * The executor SPI: how an agent runs one task type.
 *
 * <p>To add a task type, implement {@link io.aviary.agent.executor.TaskExecutor} and make it a Spring bean of the
 * agent (a {@code @Component} in a jar on the agent's class path under a package the application scans, or a
 * {@code @Bean} in an auto-configuration registered in
 * {@code META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports}). The
 * {@link io.aviary.agent.executor.ExecutorRegistry} collects every bean by its {@link
 * io.aviary.agent.executor.TaskExecutor#type() type}; two beans with one type stop the agent at start-up. Also add the
 * type to {@code AVIARY_AGENT_TASK_TYPES}, otherwise the dispatcher never sends such tasks to this agent.
 *
 * <p>Contract for implementations:
 * <ul>
 *     <li>{@code execute} runs on one of the agent's slot threads; it may block.</li>
 *     <li>It must stop promptly when its thread is interrupted (time-out, cancellation, shutdown): use interruptible
 *     calls or check {@link java.lang.Thread#isInterrupted()}; an executor that ignores interrupts keeps its slot
 *     busy until it returns.</li>
 *     <li>An exception is reported as {@code FAILURE} with the exception's message; return
 *     {@link io.aviary.agent.executor.ExecutionResult#failure(String)} for an expected failure.</li>
 *     <li>An attempt may be executed again after a crash of the agent if it never finished; executors with side
 *     effects should be idempotent per {@code taskId}.</li>
 * </ul>
 */
package io.aviary.agent.executor;
