package io.aviary.projections.account;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

import java.util.concurrent.atomic.AtomicLong;

/** Counts the BSON bytes of the {@code update} commands a client sends: what a batch writes over the wire. */
final class UpdateSizes implements CommandListener {

    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong commands = new AtomicLong();

    @Override
    public void commandStarted(CommandStartedEvent event) {
        if (event.getCommandName().equals("update")) {
            BsonDocument command = event.getCommand();
            bytes.addAndGet(new RawBsonDocument(command, new BsonDocumentCodec()).getByteBuffer().remaining());
            commands.incrementAndGet();
        }
    }

    void reset() {
        bytes.set(0);
        commands.set(0);
    }

    long bytes() {
        return bytes.get();
    }

    long commands() {
        return commands.get();
    }
}
