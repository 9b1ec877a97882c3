package io.aviary.infra;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;

/** mongo-java-server with its in-memory backend, bound to the loopback interface. */
final class MongoWireServer implements AutoCloseable {

    private final MongoServer server;
    private final String uri;

    private MongoWireServer(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    static MongoWireServer start(int port) {
        MongoServer server = new MongoServer(new MemoryBackend());
        server.bind("localhost", port);
        InetSocketAddress address = server.getLocalAddress();
        return new MongoWireServer(server, "mongodb://localhost:" + address.getPort() + "/");
    }

    String uri() {
        return uri;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
