package io.aviary.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

/**
 * A real PostgreSQL from zonky's Maven-packaged binaries, with a database {@value #DATABASE}.
 * As root, zonky runs the binaries under {@code unshare -U}, because PostgreSQL refuses to run as root.
 */
final class PostgresServer implements AutoCloseable {

    static final String DATABASE = "aviary";
    static final String USER = "postgres";
    /** zonky's cluster trusts local connections; a password is accepted and ignored. */
    static final String PASSWORD = "postgres";

    private static final Path ZONKY_WORKING_DIRECTORY =
            Path.of(System.getProperty("ot.epg.working-dir", System.getProperty("java.io.tmpdir") + "/embedded-pg"));

    private final EmbeddedPostgres postgres;

    private PostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static PostgresServer start(int port, boolean durable, Path dataRoot) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setPort(port)
                .setRegisterShutdownHook(false)
                // Generous: initdb plus start-up on a busy 2-core machine can exceed zonky's 10 s default.
                .setPGStartupWait(Duration.ofSeconds(60));
        if (durable) {
            // Passed after zonky's "-F" (fsync off) on the postgres command line, so these win.
            builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
        }
        if (dataRoot != null) {
            builder.setDataDirectory(DataDirectory.under(dataRoot, "postgres").path()).setCleanDataDirectory(false);
        } else {
            // Throw-away data goes under zonky's working folder: if a JVM is killed (no shutdown hook), its
            // postmaster keeps running, and zonky stops such orphans there on a later start (after 10 minutes).
            builder.setDataDirectory(ZONKY_WORKING_DIRECTORY.resolve("aviary-" + UUID.randomUUID()));
        }
        try {
            EmbeddedPostgres postgres = builder.start();
            createDatabaseIfAbsent(postgres);
            return new PostgresServer(postgres);
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    private static void createDatabaseIfAbsent(EmbeddedPostgres postgres) {
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + DATABASE, e);
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE;
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
