package io.aviary.infra;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class StaleKafkaFolderTest {

    private Path inUse;

    @Test
    void aNewBrokerRemovesFoldersOfKilledBrokersButNotOnesInUse() throws Exception {
        // given an hour-old folder nobody locks (its JVM was killed) and an hour-old one whose lock is held
        Path abandoned = oldKafkaFolder();
        inUse = oldKafkaFolder();
        try (FileChannel channel = FileChannel.open(inUse.resolve(".lock"), StandardOpenOption.WRITE);
             FileLock held = channel.lock()) {

            // when a broker with a temporary folder starts
            try (KafkaBroker broker = KafkaBroker.start(0, null)) {

                // then only the abandoned folder is gone
                assertThat(abandoned).doesNotExist();
                assertThat(inUse).exists();
            }
        }
    }

    @AfterEach
    void removeFolderInUse() {
        new DataDirectory(inUse, true).deleteIfTemporary();
    }

    private static Path oldKafkaFolder() throws IOException {
        Path folder = Files.createTempDirectory("aviary-kafka-");
        Files.createFile(folder.resolve(".lock"));
        Files.setLastModifiedTime(folder, FileTime.from(Instant.now().minus(Duration.ofHours(1))));
        return folder;
    }
}
