package io.aviary.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.DOUBLE;
import static org.awaitility.Awaitility.await;

/**
 * The web dashboard in a real browser against the running platform: Debian's Chromium, headless, driven through
 * Debian's chromedriver (both installed by {@code scripts/install-browser.sh}; Selenium is given their paths, so it
 * never looks for or downloads a browser or driver). An administrator logs in, sees the agents, submits a task from
 * the UI and watches it complete without reloading the page, then reads the analytics charts. On failure, a
 * screenshot and the page source go to {@code target/browser/}; every page's screenshot is saved there anyway.
 */
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path EVIDENCE = Path.of("target", "browser");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> NOT_YET_DONE = Set.of("QUEUED", "ASSIGNED", "RUNNING");
    /** Long enough that the page shows the task before it completes, even on a busy machine. */
    private static final int TASK_MILLIS = 5000;

    private static Platform platform;

    private Path profile;
    private ChromeDriver browser;
    private WebDriverWait wait;

    /** Runs before {@link #closeBrowser}: the page is still there to photograph. */
    @RegisterExtension
    final AfterTestExecutionCallback evidenceOnFailure = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            save(context.getRequiredTestMethod().getName() + "-failure");
        }
    };

    @BeforeAll
    static void platformAndDriver() throws IOException {
        assertThat(CHROMIUM).as("Chromium is missing: run scripts/install-browser.sh").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver is missing: run scripts/install-browser.sh").isExecutable();
        Files.createDirectories(EVIDENCE);
        platform = TestPlatform.get();
        // the driver by path: Selenium Manager (which would download one) is never asked
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
    }

    @BeforeEach
    void openBrowser() throws IOException {
        profile = Files.createTempDirectory("aviary-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile);
        // a driver process per browser: quit() stops it with the browser
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(EVIDENCE.resolve("chromedriver.log").toFile())
                .build();
        browser = new ChromeDriver(driver, options);
        browser.manage().window().setSize(new Dimension(1440, 1000));
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
    }

    @AfterEach
    void closeBrowser() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Test
    void an_admin_sees_the_fleet_submits_a_task_watches_it_complete_live_and_reads_the_analytics() {
        // given an administrator, when they open the dashboard and log in
        String username = logInAsNewAdmin();

        // then the fleet page lists every agent with its state, and live updates are on
        wait.until(d -> agentRows().size() == TestPlatform.AGENTS);
        List<AgentRow> agents = read(d -> agentRows().stream().map(row -> new AgentRow(
                row.getAttribute("data-worker"), row.getAttribute("data-state"),
                row.findElement(By.cssSelector(".badge")).getText())).toList());
        assertThat(agents).extracting(AgentRow::name)
                .containsExactlyInAnyOrder("quickstart-agent-1", "quickstart-agent-2", "quickstart-agent-3");
        assertThat(agents).allSatisfy(agent -> {
            assertThat(agent.state()).isIn("AVAILABLE", "WORKING");
            assertThat(agent.badge()).isEqualTo(agent.state());
        });
        assertThat(readText(d -> d.findElement(By.cssSelector(".topbar .user")).getText())).contains(username, "ADMIN");
        wait.until(ExpectedConditions.textToBe(By.id("live"), "live"));
        save("fleet");
        // from here on the page must never reload: this mark would be gone
        browser.executeScript("window.aviaryTestMark = 'same page';");

        // when they submit a task from the UI
        click(By.linkText("Submit"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("submit-form")));
        browser.findElement(By.id("submit-type")).sendKeys("sleep");
        WebElement payload = browser.findElement(By.id("submit-payload"));
        payload.clear();
        payload.sendKeys("{\"millis\": " + TASK_MILLIS + "}");
        save("submit");
        click(By.id("submit-button"));

        // then its page shows it on its way, and then COMPLETED, pushed by the live stream
        wait.until(ExpectedConditions.urlMatches("#/tasks/[0-9a-f-]{36}$"));
        String taskId = browser.getCurrentUrl().replaceAll(".*#/tasks/", "");
        String firstSeen = wait.until(d -> {
            String status = taskStatus();
            return status.isEmpty() ? null : status;
        });
        assertThat(firstSeen).as("status shown before the task finished").isIn(NOT_YET_DONE);
        wait.until(d -> taskStatus().equals("COMPLETED"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-event='TaskCompleted']")));
        assertThat(readStrings(d -> attributes(d, "#task-body tr[data-event]", "data-event")))
                .startsWith("TaskCreated", "TaskAssigned")
                .endsWith("TaskCompleted");
        assertThat(browser.executeScript("return window.aviaryTestMark;")).isEqualTo("same page");
        assertThat(TestPlatform.task(taskId).path("status").asText()).isEqualTo("COMPLETED");
        save("task");

        // when they open the analytics page, once the analytics read models have counted the task
        String today = LocalDate.now(ZoneOffset.UTC).toString();
        await().atMost(WAIT).until(() -> completedToday("sleep", today) >= 1 && feesToday(today) > 0);
        click(By.linkText("Analytics"));

        // then each chart is drawn with a point or bar per day, and today's carry the task
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "svg[data-chart='chart-throughput'] [data-series='completed'] circle.point")));
        String completedPoints = "svg[data-chart='chart-throughput'] [data-series='completed'] circle.point";
        assertThat(readStrings(d -> attributes(d, completedPoints, "data-label")))
                .hasSize(7).last().isEqualTo(today.substring(5));
        assertThat(readNumbers(d -> values(d, completedPoints))).last().asInstanceOf(DOUBLE).isGreaterThanOrEqualTo(1);

        String earningsBars = "svg[data-chart='chart-earnings'] rect.bar";
        assertThat(readNumbers(d -> values(d, earningsBars))).hasSize(7);
        // the bar of today is the day's figure of the API (fees - rewards), once both have caught up
        wait.until(d -> {
            List<Double> bars = values(d, earningsBars);
            return !bars.isEmpty() && bars.get(bars.size() - 1) == earningsToday(today);
        });

        assertThat(readNumbers(d -> values(d, "svg[data-chart='chart-latency'] [data-series^='dispatch'] circle.point")))
                .isNotEmpty().allSatisfy(ms -> assertThat(ms).isPositive());
        assertThat(readNumbers(d -> values(d,
                "svg[data-chart='chart-outcomes'] rect.segment[data-label='sleep'][data-series='success']")))
                .singleElement().asInstanceOf(DOUBLE).isPositive();
        save("analytics");
    }

    @Test
    void an_admin_browses_a_worker_its_tasks_an_area_and_an_account() {
        // given an AREA that ran at least once (its tasks ran on an agent, which was charged for them)
        String areaId = TestPlatform.post(platform.commandUrl() + "/api/v1/areas", Map.of(
                "name", "dashboard ticker " + UUID.randomUUID().toString().substring(0, 8),
                "action", Map.of("service", "clock", "type", "timer.tick"),
                "trigger", Map.of("kind", "INTERVAL", "intervalMs", 1000, "misfire", "SKIP"),
                "reactions", List.of(Map.of("type", "log", "params", Map.of("message", "tick"))),
                "retryPolicy", Map.of("maxAttempts", 2, "initialBackoffMs", 200, "multiplier", 2,
                        "maxBackoffMs", 1000))).path("areaId").asText();
        JsonNode execution = await().atMost(WAIT).until(() -> firstCompletedExecution(areaId),
                found -> !found.isMissingNode());
        TestPlatform.post(platform.commandUrl() + "/api/v1/areas/" + areaId + "/pause", Map.of());
        String actionTask = execution.path("action").path("taskId").asText();
        String agentId = TestPlatform.task(actionTask).path("workerId").asText();

        // when an administrator logs in and opens the worker that ran the AREA's action
        logInAsNewAdmin();
        wait.until(d -> agentRows().size() == TestPlatform.AGENTS);
        click(By.cssSelector("#fleet-table tr[data-worker] a[href='#/workers/" + agentId + "']"));
        // then its page names it, and its history holds the action's task
        wait.until(ExpectedConditions.textMatches(By.cssSelector("main h1"), Pattern.compile(
                "quickstart-agent-\\d")));
        click(By.linkText("History"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#worker-queue tr[data-task='" + actionTask + "']")));
        save("worker");

        // when they search the tasks of that worker
        click(By.partialLinkText("Tasks of this worker"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(
                "#task-results tr[data-task='" + actionTask + "']")));
        assertThat(readText(d -> d.findElement(By.cssSelector("#task-results tr[data-task='" + actionTask + "'] .badge"))
                .getText())).isEqualTo("COMPLETED");
        save("tasks");

        // when they open the AREAs and the one that ran
        click(By.linkText("AREAs"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-area='" + areaId + "']")));
        save("areas");
        click(By.cssSelector("tr[data-area='" + areaId + "'] a"));
        // then its execution log shows the execution, succeeded
        By executionRow = By.cssSelector("#area-executions tr[data-execution='"
                + execution.path("executionId").asText() + "']");
        wait.until(ExpectedConditions.presenceOfElementLocated(executionRow));
        assertThat(readText(d -> d.findElement(executionRow).getText())).contains("SUCCEEDED");
        save("area");

        // when they open the accounts, and the account of the agent
        click(By.linkText("Accounts"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-account='" + agentId + "']")));
        assertThat(readStrings(d -> attributes(d, "#account-results tr[data-account]", "data-account")))
                .hasSizeGreaterThanOrEqualTo(TestPlatform.AGENTS);
        save("accounts");
        click(By.cssSelector("tr[data-account='" + agentId + "'] a"));
        // then its audit log shows the fees it was charged for the tasks it ran
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#account-audit tr[data-seq]")));
        assertThat(readText(d -> d.findElement(By.cssSelector("main h1")).getText()))
                .startsWith("Account of quickstart-agent-");
        assertThat(readStrings(d -> d.findElements(By.cssSelector("#account-audit tr[data-seq]")).stream()
                .map(WebElement::getText).toList()))
                .anySatisfy(row -> assertThat(row).contains("CHARGE", "assignment"));
        save("account");
    }

    /** Creates an ADMIN user through the API and logs in with it in the browser; answers the username. */
    private String logInAsNewAdmin() {
        String username = "dashboard-admin-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "dashboard-password-" + UUID.randomUUID();
        TestPlatform.post(platform.commandUrl() + "/api/v1/users",
                Map.of("username", username, "password", password, "roles", List.of("ADMIN")));
        browser.get(platform.queryUrl() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        browser.findElement(By.id("login-username")).sendKeys(username);
        browser.findElement(By.id("login-password")).sendKeys(password);
        click(By.id("login-submit"));
        return username;
    }

    private static JsonNode firstCompletedExecution(String areaId) {
        JsonNode page = TestPlatform.get(platform.queryUrl() + "/api/v1/areas/" + areaId + "/executions?size=10");
        for (JsonNode execution : page.path("items")) {
            if ("SUCCEEDED".equals(execution.path("status").asText())) {
                return execution;
            }
        }
        return MissingNode.getInstance();
    }

    /** Clicks what the locator finds, finding it again if a live update re-rendered it in between. */
    private void click(By locator) {
        wait.until(d -> {
            d.findElement(locator).click();
            return true;
        });
    }

    private List<WebElement> agentRows() {
        return browser.findElements(By.cssSelector("#fleet-table tr[data-worker^='quickstart-agent-']"));
    }

    private String taskStatus() {
        List<WebElement> badge = browser.findElements(By.cssSelector("#task-status .badge[data-status]"));
        return badge.isEmpty() ? "" : badge.get(0).getText();
    }

    /**
     * What the page shows now. Live updates re-render parts of it: a read that meets a replaced element is made
     * again (the wait ignores stale elements), so the result is one consistent look at the page.
     */
    private <T> T read(Function<WebDriver, T> what) {
        return wait.until(what);
    }

    private String readText(Function<WebDriver, String> what) {
        return wait.until(what);
    }

    private List<String> readStrings(Function<WebDriver, List<String>> what) {
        return wait.until(what);
    }

    private List<Double> readNumbers(Function<WebDriver, List<Double>> what) {
        return wait.until(what);
    }

    private static List<String> attributes(WebDriver page, String css, String attribute) {
        return page.findElements(By.cssSelector(css)).stream().map(e -> e.getAttribute(attribute)).toList();
    }

    /** The {@code data-value} of each chart element (point, bar, segment) the selector finds. */
    private static List<Double> values(WebDriver page, String css) {
        return attributes(page, css, "data-value").stream().map(Double::valueOf).toList();
    }

    private record AgentRow(String name, String state, String badge) {
    }

    private static long completedToday(String taskType, String today) {
        JsonNode fleet = TestPlatform.get(platform.queryUrl() + "/api/v1/analytics/fleet?from=" + today + "&to="
                + today);
        for (JsonNode type : fleet.path("taskTypes")) {
            if (type.path("taskType").asText().equals(taskType)) {
                return type.path("completed").asLong();
            }
        }
        return 0;
    }

    private static long feesToday(String today) {
        return dayOfEarnings(today).path("feesCharged").asLong();
    }

    private static long earningsToday(String today) {
        return dayOfEarnings(today).path("earnings").asLong();
    }

    private static JsonNode dayOfEarnings(String today) {
        return TestPlatform.get(platform.queryUrl() + "/api/v1/analytics/earnings?from=" + today + "&to=" + today)
                .path("items").path(0);
    }

    /** A screenshot and the page source under target/browser/. */
    private void save(String name) {
        try {
            Files.write(EVIDENCE.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
            Files.writeString(EVIDENCE.resolve(name + ".html"), browser.getPageSource(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save the browser's " + name + ": " + e);
        }
    }
}
