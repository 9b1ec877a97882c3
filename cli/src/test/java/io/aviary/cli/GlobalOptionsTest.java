package io.aviary.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.support.CliRunner;
import io.aviary.cli.support.LoggedInStub;
import io.aviary.cli.support.StubApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Global options work before or after the subcommand; URLs come from the option, else the config file. */
class GlobalOptionsTest {

    private static final String WORKERS = "/api/v1/workers?page=0&size=50";
    private static final String PAGE = """
            {"items":[{"workerId":"1d7c0a4e-59b5-3a51-9a2e-0f6c5a0e8b11","name":"quickstart-agent-1",
                       "state":"AVAILABLE","slots":4,"maxQueue":8,"taskTypes":["noop","sleep"],
                       "updatedAt":"2026-01-30T12:00:00.123Z"}],
             "page":0,"size":50,"total":1}""";

    @TempDir
    Path dir;
    private LoggedInStub stub;

    @BeforeEach
    void start() {
        stub = new LoggedInStub(dir);
        stub.api.on("GET", WORKERS, 200, PAGE);
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void outputJsonWorksBeforeAndAfterTheSubcommand() throws Exception {
        ObjectMapper json = new ObjectMapper();
        for (String[] args : new String[][]{{"--output", "json", "workers", "list"}, {"workers", "list", "-o", "json"},
                {"workers", "--output=JSON", "list"}}) {
            CliRunner.Result result = stub.cli.run(args);

            assertThat(result.exitCode()).as("%s", result).isZero();
            assertThat(json.readTree(result.out())).isEqualTo(json.readTree(PAGE));
        }
    }

    @Test
    void theDefaultIsATable() {
        CliRunner.Result result = stub.cli.run("workers", "list");

        assertThat(result.out()).isEqualTo("""
                NAME                ID                                    STATE      SLOTS  MAX QUEUE  TASK TYPES  UPDATED
                quickstart-agent-1  1d7c0a4e-59b5-3a51-9a2e-0f6c5a0e8b11  AVAILABLE      4          8  noop,sleep  2026-01-30 12:00:00Z
                1 workers
                """);
    }

    @Test
    void aUrlOptionWinsOverTheConfigFileForThisCommandOnly() {
        try (StubApi other = new StubApi()) {
            other.on("GET", WORKERS, 200, PAGE);

            assertThat(stub.cli.run("workers", "list", "--query-url", other.url()).exitCode()).isZero();
            assertThat(stub.cli.run("--query-url", other.url(), "workers", "list").exitCode()).isZero();
            assertThat(stub.cli.run("workers", "list").exitCode()).isZero();

            assertThat(other.requests()).hasSize(2);
            assertThat(stub.api.requests("GET", WORKERS)).hasSize(1);
        }
    }
}
