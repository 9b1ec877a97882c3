package io.aviary.agent.executor.area;

import io.aviary.agent.connection.ConnectionLookupException;
import io.aviary.agent.connection.ConnectionSecret;
import io.aviary.agent.connection.ConnectionSecrets;
import io.aviary.agent.executor.TaskContext;

import java.net.http.HttpRequest;

/** Adds a task's {@code connection} (a name in the payload) to a request as its {@code Authorization} header. */
final class Connections {

    private Connections() {
    }

    /** Sets {@code Authorization} when the payload names a connection; does nothing otherwise. */
    static void authorize(HttpRequest.Builder request, TaskContext context, ConnectionSecrets connections)
            throws ConnectionLookupException, InterruptedException {
        String name = context.stringParam("connection", "");
        if (name.isBlank()) {
            return;
        }
        ConnectionSecret secret = connections.resolve(name.trim());
        try {
            request.setHeader("Authorization", secret.authorization());
        } catch (IllegalStateException e) {
            throw new ConnectionLookupException(e.getMessage());
        }
    }
}
