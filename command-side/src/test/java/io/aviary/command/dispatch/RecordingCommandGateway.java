package io.aviary.command.dispatch;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A command gateway that records what is sent and leaves each answer pending until the test decides it
 * ({@link #accept}, {@link #reject}): like a command bus whose reply has not arrived yet.
 */
public class RecordingCommandGateway implements CommandGateway {

    private record Sent(Object command, CompletableFuture<Object> answer) {
    }

    private final List<Sent> sent = new ArrayList<>();
    private int clearedUpTo;

    /** The commands sent since the last {@link #clear()}, in order. */
    public synchronized List<Object> commands() {
        return sent.subList(clearedUpTo, sent.size()).stream().map(Sent::command).toList();
    }

    /** The commands of one type sent since the last {@link #clear()}, in order. */
    public synchronized <T> List<T> commands(Class<T> type) {
        return commands().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Starts a new list of commands; the pending answers of earlier ones can still be given. */
    public synchronized void clear() {
        clearedUpTo = sent.size();
    }

    /** Answers every pending send of {@code command} with success. */
    public synchronized void accept(Object command) {
        answers(command).forEach(answer -> answer.complete(null));
    }

    /** Answers every pending send of {@code command} with a rejection. */
    public synchronized void reject(Object command) {
        answers(command).forEach(answer -> answer.completeExceptionally(new IllegalStateException("rejected")));
    }

    private List<CompletableFuture<Object>> answers(Object command) {
        List<CompletableFuture<Object>> answers = new ArrayList<>();
        for (Sent one : sent) {
            if (one.command().equals(command) && !one.answer().isDone()) {
                answers.add(one.answer());
            }
        }
        if (answers.isEmpty()) {
            throw new AssertionError("no pending " + command + " among " + commands());
        }
        return answers;
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <R> CompletableFuture<R> send(Object command) {
        CompletableFuture<Object> answer = new CompletableFuture<>();
        sent.add(new Sent(command, answer));
        return (CompletableFuture<R>) answer;
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        throw new UnsupportedOperationException("the code under test sends asynchronously with send(Object)");
    }

    @Override
    public <R> R sendAndWait(Object command) {
        throw new UnsupportedOperationException("the code under test must not block on a command");
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        throw new UnsupportedOperationException("the code under test must not block on a command");
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return () -> true;
    }
}
