package io.aviary.command.account;

import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A command gateway that records every command and answers it at once with what the test decides (a value, or a
 * thrown exception): like a local command bus in front of aggregates the test plays itself.
 */
public class AnsweringCommandGateway implements CommandGateway {

    private final List<Object> sent = new ArrayList<>();
    private Function<Object, Object> answers = command -> null;

    /** How each command is answered from now on; the function may throw to reject it. */
    public AnsweringCommandGateway answering(Function<Object, Object> answers) {
        this.answers = answers;
        return this;
    }

    /** Every command sent so far, in order. */
    public synchronized List<Object> commands() {
        return List.copyOf(sent);
    }

    /** The commands of one type sent so far, in order. */
    public synchronized <T> List<T> commands(Class<T> type) {
        return sent.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        sent.clear();
    }

    @Override
    @SuppressWarnings("unchecked")
    public synchronized <R> R sendAndWait(Object command) {
        sent.add(command);
        return (R) answers.apply(command);
    }

    @Override
    public <R> R sendAndWait(Object command, long timeout, TimeUnit unit) {
        return sendAndWait(command);
    }

    @Override
    public <R> CompletableFuture<R> send(Object command) {
        try {
            return CompletableFuture.completedFuture(sendAndWait(command));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public <C, R> void send(C command, CommandCallback<? super C, ? super R> callback) {
        throw new UnsupportedOperationException("not used by the code under test");
    }

    @Override
    public Registration registerDispatchInterceptor(
            MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return () -> true;
    }
}
