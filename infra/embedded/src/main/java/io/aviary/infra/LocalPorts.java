package io.aviary.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Picks ports for servers that need their port known before they bind (Kafka's controller quorum). */
final class LocalPorts {

    private LocalPorts() {
    }

    /** {@code requested} if not 0, otherwise a port that was free a moment ago on the loopback interface. */
    static int orFree(int requested) {
        if (requested != 0) {
            return requested;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free local port", e);
        }
    }
}
