package io.aviary.cli.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.aviary.cli.ExitCodes;
import io.aviary.cli.config.Config;
import io.aviary.cli.config.ConfigStore;
import io.aviary.cli.support.CliRunner;
import io.aviary.cli.support.StubApi;
import io.aviary.cli.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The stored login and its automatic renewal, against a scripted server. */
class SessionTest {

    private static final String WORKERS = "/api/v1/workers?page=0&size=50";
    private static final String EMPTY_PAGE = "{\"items\":[],\"page\":0,\"size\":50,\"total\":0}";

    @TempDir
    Path dir;
    private StubApi api;
    private CliRunner cli;
    private ConfigStore store;

    @BeforeEach
    void start() {
        api = new StubApi();
        cli = new CliRunner(dir.resolve("aviary").resolve("config.json"));
        store = new ConfigStore(cli.configFile());
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aLoginKeepsBothTokensAndTheServersInAFileOnlyItsOwnerCanRead() throws Exception {
        // given a server accepting the password
        String access = Tokens.jwt("admin", Instant.now().plusSeconds(900), "ADMIN");
        api.on("POST", "/api/v1/auth/login", 200, Tokens.pair(access, "refresh-1"));

        // when the user logs in with the password on stdin
        CliRunner.Result result = cli.runWithStdin("pa55word\n", "login", "--username", "admin",
                "--password-stdin", "--command-url", api.url() + "/", "--query-url", api.url());

        // then the password went to the server, and the tokens and URLs are in a 0600 file
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(result.out()).contains("as admin (ADMIN)");
        assertThat(new ObjectMapper().readTree(api.requests().get(0).body())).isEqualTo(
                new ObjectMapper().readTree("{\"username\":\"admin\",\"password\":\"pa55word\"}"));
        Config config = store.load();
        assertThat(config.accessToken()).isEqualTo(access);
        assertThat(config.refreshToken()).isEqualTo("refresh-1");
        assertThat(config.commandUrl()).isEqualTo(api.url());
        assertThat(config.queryUrl()).isEqualTo(api.url());
        assertThat(config.projectionsUrl()).isEqualTo(Endpoints.DEFAULT_PROJECTIONS_URL);
        assertThat(config.expiresAt()).isEqualTo(Instant.ofEpochSecond(Jwt.expiresAt(access).getEpochSecond()));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configFile())))
                .isEqualTo("rw-------");
    }

    @Test
    void aWrongPasswordIsExit3AndStoresNothing() {
        api.on("POST", "/api/v1/auth/login", 401,
                "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Bad username or password\"}");

        CliRunner.Result result = cli.runWithStdin("wrong\n", "login", "-u", "admin", "--password-stdin",
                "--command-url", api.url());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(result.err()).isEqualTo("Unauthorized: Bad username or password\n");
        assertThat(cli.configFile()).doesNotExist();
    }

    @Test
    void withoutATerminalThePasswordMustComeFromStdin() {
        CliRunner.Result result = cli.run("login", "-u", "admin", "--command-url", api.url());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--password-stdin");
        assertThat(api.requests()).isEmpty();
    }

    @Test
    void anExpiredAccessTokenIsRefreshedBeforeTheCallAndTheNewPairStored() {
        // given a stored login whose access token has expired
        loggedIn(Tokens.jwt("admin", Instant.now().minusSeconds(5), "ADMIN"), "refresh-1");
        String fresh = Tokens.jwt("admin", Instant.now().plusSeconds(900), "ADMIN");
        api.on("POST", "/api/v1/auth/refresh", 200, Tokens.pair(fresh, "refresh-2"));
        api.on("GET", WORKERS, 200, EMPTY_PAGE);

        // when a command runs
        CliRunner.Result result = cli.run("workers", "list");

        // then it refreshed once with the stored refresh token, called with the new token, and kept the new pair
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(api.requests("POST", "/api/v1/auth/refresh")).singleElement()
                .satisfies(r -> assertThat(r.body()).isEqualTo("{\"refreshToken\":\"refresh-1\"}"));
        assertThat(api.requests("GET", WORKERS)).singleElement()
                .satisfies(r -> assertThat(r.authorization()).isEqualTo("Bearer " + fresh));
        assertThat(store.load().refreshToken()).isEqualTo("refresh-2");
        assertThat(store.load().accessToken()).isEqualTo(fresh);
    }

    @Test
    void a401IsRetriedOnceWithARefreshedToken() {
        // given a token the server no longer accepts (e.g. keys rotated) though it has not expired
        String stale = Tokens.jwt("admin", Instant.now().plusSeconds(600), "ADMIN");
        loggedIn(stale, "refresh-1");
        String fresh = Tokens.jwt("admin", Instant.now().plusSeconds(900), "ADMIN");
        api.on("GET", WORKERS, 401, "{\"title\":\"Unauthorized\",\"status\":401}");
        api.on("GET", WORKERS, 200, EMPTY_PAGE);
        api.on("POST", "/api/v1/auth/refresh", 200, Tokens.pair(fresh, "refresh-2"));

        // when a command runs
        CliRunner.Result result = cli.run("workers", "list");

        // then the second call carries the refreshed token and succeeds
        assertThat(result.exitCode()).as("%s", result).isZero();
        assertThat(api.requests("GET", WORKERS)).extracting(StubApi.Request::authorization)
                .containsExactly("Bearer " + stale, "Bearer " + fresh);
    }

    @Test
    void aRefusedRefreshEndsTheLoginWithExit3() {
        // given an expired access token and a refresh token the server revoked
        loggedIn(Tokens.jwt("admin", Instant.now().minusSeconds(5), "ADMIN"), "revoked");
        api.on("POST", "/api/v1/auth/refresh", 401,
                "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"Refresh token revoked\"}");

        // when a command runs
        CliRunner.Result result = cli.run("workers", "list");

        // then it asks for a new login, and the dead tokens are gone from the file (the servers stay)
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(result.err()).contains("Refresh token revoked").contains("aviary login");
        assertThat(store.load().loggedIn()).isFalse();
        assertThat(store.load().commandUrl()).isEqualTo(api.url());
        assertThat(api.requests("GET", WORKERS)).isEmpty();
    }

    @Test
    void concurrent401sRefreshOnlyOnceBecauseARefreshTokenWorksOnce() throws Exception {
        // given a session whose token the server rejects once per request, then accepts the refreshed one
        String stale = Tokens.jwt("admin", Instant.now().plusSeconds(600), "ADMIN");
        loggedIn(stale, "refresh-1");
        api.on("POST", "/api/v1/auth/refresh", 200,
                Tokens.pair(Tokens.jwt("admin", Instant.now().plusSeconds(900), "ADMIN"), "refresh-2"));
        Session session = new Session(store, store.load(), new HttpTransport(), Clock.systemUTC(), api.url());

        // when eight threads report a 401 for the same stale token at once
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> renewed = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            renewed.add(pool.submit(() -> session.renewAfterUnauthorized(stale)));
        }
        for (Future<String> token : renewed) {
            assertThat(token.get()).isNotEqualTo(stale);
        }
        pool.shutdown();

        // then the refresh token was spent exactly once
        assertThat(api.requests("POST", "/api/v1/auth/refresh")).hasSize(1);
    }

    @Test
    void logoutEndsTheLoginOnTheServerAndForgetsTheTokens() throws Exception {
        loggedIn(Tokens.jwt("admin", Instant.now().plusSeconds(600), "ADMIN"), "refresh-1");
        api.on("POST", "/api/v1/auth/logout", 204, "");

        CliRunner.Result result = cli.run("logout");

        assertThat(result.exitCode()).isZero();
        assertThat(api.requests("POST", "/api/v1/auth/logout")).singleElement()
                .satisfies(r -> assertThat(new ObjectMapper().readTree(r.body()).path("refreshToken").asText())
                        .isEqualTo("refresh-1"));
        assertThat(store.load().loggedIn()).isFalse();
        assertThat(cli.run("whoami").exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
    }

    @Test
    void aConfigFileOthersCanReadIsWarnedAbout() throws Exception {
        loggedIn(Tokens.jwt("admin", Instant.now().plusSeconds(600), "ADMIN"), "refresh-1");
        Files.setPosixFilePermissions(cli.configFile(), PosixFilePermissions.fromString("rw-r--r--"));

        CliRunner.Result result = cli.run("whoami");

        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).contains("chmod 600 " + cli.configFile().toAbsolutePath());
    }

    private void loggedIn(String access, String refresh) {
        store.save(Config.EMPTY.withServers(api.url(), api.url(), api.url())
                .withLogin("admin", access, refresh, Jwt.expiresAt(access)));
    }
}
