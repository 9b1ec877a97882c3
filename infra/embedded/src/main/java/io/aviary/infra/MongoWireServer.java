package io.aviary.infra;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.net.InetSocketAddress;
import java.nio.file.Path;

/**
 * mongo-java-server bound to the loopback interface: in memory (tests), or kept in an H2 MVStore file under a data
 * root (the standalone platform, whose read models survive a restart with the event store they were built from).
 */
final class MongoWireServer implements AutoCloseable {

    /** The read-model file under {@code <dataRoot>/mongo/}. */
    static final String STORE_FILE = "read-models.mv";

    private final MongoServer server;
    private final String uri;

    private MongoWireServer(MongoServer server, String uri) {
        this.server = server;
        this.uri = uri;
    }

    /** @param dataRoot where {@code mongo/}{@value #STORE_FILE} is kept; {@code null} keeps everything in memory */
    static MongoWireServer start(int port, Path dataRoot) {
        MongoBackend backend = dataRoot == null ? new MemoryBackend()
                : new H2Backend(DataDirectory.under(dataRoot, "mongo").path().resolve(STORE_FILE).toString());
        MongoServer server = new MongoServer(backend);
        server.bind("localhost", port);
        InetSocketAddress address = server.getLocalAddress();
        return new MongoWireServer(server, "mongodb://localhost:" + address.getPort() + "/");
    }

    String uri() {
        return uri;
    }

    /** Stops serving and closes the backend (an H2 store writes its last changes to the file). */
    @Override
    public void close() {
        server.shutdownNow();
    }
}
