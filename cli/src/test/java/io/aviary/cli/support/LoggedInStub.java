package io.aviary.cli.support;

import io.aviary.cli.config.Config;
import io.aviary.cli.config.ConfigStore;

import java.nio.file.Path;
import java.time.Instant;

/** A scripted server and a CLI already logged in to it (all three URLs point at the stub). */
public final class LoggedInStub implements AutoCloseable {

    public final StubApi api = new StubApi();
    public final CliRunner cli;
    public final String token = Tokens.jwt("admin", Instant.now().plusSeconds(900), "ADMIN");

    public LoggedInStub(Path dir) {
        this(dir, false);
    }

    public LoggedInStub(Path dir, boolean terminal) {
        cli = new CliRunner(dir.resolve("config.json"), terminal);
        new ConfigStore(cli.configFile()).save(Config.EMPTY.withServers(api.url(), api.url(), api.url())
                .withLogin("admin", token, "refresh-1", Instant.now().plusSeconds(900)));
    }

    @Override
    public void close() {
        api.close();
    }
}
