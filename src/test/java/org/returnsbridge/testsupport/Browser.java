package org.returnsbridge.testsupport;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real, headless Chromium driven through Selenium, as an operator uses the bridge's pages: one browser per test
 * class, started on first use and reused by every step, quit after the class (and at JVM exit, should the class
 * never get that far). Register it as a JUnit extension, {@code @RegisterExtension static final Browser browser =
 * new Browser();}: when a test fails it saves what the browser showed (a screenshot and the page source) to
 * {@code target/browser/}.
 *
 * <p>It drives Debian's {@code chromium} with Debian's {@code chromedriver} (both installed by
 * {@code tools/install-test-packages.sh}); a machine without them fails the test with one line naming the package,
 * never skips it. Selenium is handed the driver's path, so Selenium Manager never looks for (or downloads) one.
 *
 * <p>Every wait is an explicit wait on a positive signal (an element, a text, a URL), bounded by {@link #WAIT}.
 */
public final class Browser implements AfterAllCallback, TestWatcher {

    /** Generous for a 2-core machine shared with other builds: a wait ends as soon as its signal is there. */
    public static final Duration WAIT = Duration.ofSeconds(30);
    /** The size of every page the browser shows, and so of every screenshot (docs/images included). */
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 800;

    private static final Path FAILURES = Path.of("target", "browser");
    /** -Dscreenshots.dir=docs/images redraws the documentation's pictures; by default they stay in target/. */
    private static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir",
            FAILURES.resolve("screenshots").toString()));

    private WebDriver driver;
    private WebDriverWait wait;
    private Path profile;
    private Closeable quitAtExit;
    private URI base;

    /**
     * Signs in the way an operator does: opens {@code path} at an address carrying the operator's credentials (the
     * browser answers the server's Basic challenge with them and remembers them for the origin); the page's own
     * script then reopens the address without them. Waits for that second address and for {@code signedIn}, an
     * element only a signed-in page shows. Later {@link #open} calls go to the same server.
     */
    public void signIn(URI server, String user, String password, String path, By signedIn) {
        base = URI.create(server.getScheme() + "://" + server.getRawAuthority());
        String userInfo = encode(user) + ":" + encode(password) + "@";
        driver().get(base.getScheme() + "://" + userInfo + base.getRawAuthority() + path);
        until(webDriver -> !hasCredentials(documentUrl()),
                "the page to reopen its address without the credentials (its sign-in script)");
        await(signedIn);
    }

    /** Whether {@link #signIn} has run in this browser (which then keeps the credentials for the server). */
    public boolean signedIn() {
        return driver != null && base != null;
    }

    /** Opens a page of the signed-in server, e.g. {@code /operations/returns?q=r-1}. */
    public void open(String pathAndQuery) {
        if (base == null) {
            throw new IllegalStateException("sign in first: the browser does not know the server yet");
        }
        driver().get(base.resolve(pathAndQuery).toString());
    }

    /** The page's address as the document has it (which, unlike the address bar, still holds any credentials). */
    public String documentUrl() {
        return (String) ((JavascriptExecutor) driver()).executeScript("return document.URL;");
    }

    /**
     * Marks the document now shown, so that {@link #documentMarked()} tells whether a later step (an htmx swap)
     * kept it or the browser loaded a new page.
     */
    public void markDocument() {
        ((JavascriptExecutor) driver()).executeScript("window.browserTestMark = true;");
    }

    /** Whether the document is still the one {@link #markDocument()} marked. */
    public boolean documentMarked() {
        return Boolean.TRUE.equals(((JavascriptExecutor) driver()).executeScript("return window.browserTestMark === true;"));
    }

    /**
     * The errors the pages' console got since the last call (a script that failed, a request answered 4xx/5xx, a
     * style or script the Content-Security-Policy refused), one line each; none when the browser has not started.
     */
    public List<String> consoleErrors() {
        if (driver == null) {
            return List.of();
        }
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Waits until an element is visible and returns it. */
    public WebElement await(By locator) {
        return until(ExpectedConditions.visibilityOfElementLocated(locator), "a visible " + locator);
    }

    /** Waits until an element's text is {@code text} (surrounding white space aside), and returns the element. */
    public WebElement awaitText(By locator, String text) {
        until(ExpectedConditions.textToBe(locator, text), "the text '" + text + "' in " + locator);
        return driver().findElement(locator);
    }

    /** Waits until an element's text contains {@code text}, and returns the element. */
    public WebElement awaitTextContaining(By locator, String text) {
        until(ExpectedConditions.textToBePresentInElementLocated(locator, text), "'" + text + "' in " + locator);
        return driver().findElement(locator);
    }

    /** Waits until no element matches (a row gone from a list, a dialog closed). */
    public void awaitGone(By locator) {
        until(ExpectedConditions.numberOfElementsToBe(locator, 0), "no more " + locator);
    }

    /** Waits for a condition, failing with what was awaited and what the page showed (see {@link #testFailed}). */
    public <T> T until(ExpectedCondition<T> condition, String awaited) {
        driver();
        return wait.withMessage("waited " + WAIT.toSeconds() + " s for " + awaited).until(condition);
    }

    public WebElement find(By locator) {
        return driver().findElement(locator);
    }

    public List<WebElement> findAll(By locator) {
        return driver().findElements(locator);
    }

    /** Waits for the page's confirmation dialog ({@code window.confirm}), returns its question and accepts it. */
    public String confirm() {
        Alert dialog = until(ExpectedConditions.alertIsPresent(), "a confirmation dialog");
        String question = dialog.getText();
        dialog.accept();
        return question;
    }

    /** Waits for the page's confirmation dialog, returns its question and dismisses it (the operator's "Cancel"). */
    public String cancel() {
        Alert dialog = until(ExpectedConditions.alertIsPresent(), "a confirmation dialog");
        String question = dialog.getText();
        dialog.dismiss();
        return question;
    }

    /**
     * Saves what the browser shows as {@code <name>.png} ({@link #WIDTH} × {@link #HEIGHT}) in the screenshots
     * folder: {@code target/browser/screenshots/}, or the documentation's {@code -Dscreenshots.dir=docs/images}.
     */
    public Path screenshot(String name) {
        return saveScreenshot(SCREENSHOTS.resolve(name + ".png"));
    }

    public WebDriver driver() {
        if (driver == null) {
            start();
        }
        return driver;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        if (driver == null) {
            return;
        }
        String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
        try {
            saveScreenshot(FAILURES.resolve(name + ".png"));
            Files.writeString(FAILURES.resolve(name + ".html"), "<!-- " + driver.getCurrentUrl() + " -->\n"
                    + driver.getPageSource(), StandardCharsets.UTF_8);
            System.err.println("browser: what the page showed is in " + FAILURES.resolve(name) + ".{png,html}");
        } catch (IOException | RuntimeException e) {
            // the test has failed already; the evidence is a help, its absence must not hide the failure
            System.err.println("browser: could not save what the page showed: " + e);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        quit();
    }

    private Path saveScreenshot(Path file) {
        byte[] png = ((TakesScreenshot) driver()).getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    private void start() {
        Path chromium = debianProgram("chromium", "chromium");
        Path chromedriver = debianProgram("chromedriver", "chromium-driver");
        try {
            profile = Files.createTempDirectory("browser-profile");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--window-size=" + WIDTH + "," + HEIGHT,
                "--force-device-scale-factor=1", "--hide-scrollbars", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--lang=en-GB",
                "--user-data-dir=" + profile);
        if ("root".equals(System.getProperty("user.name"))) {
            // Chromium refuses to run as root inside its own sandbox (CI runs as root); the pages are our own.
            options.addArguments("--no-sandbox");
        }
        // The page's console (script errors, refused requests, Content-Security-Policy violations): see consoleErrors().
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .usingAnyFreePort()
                // The driver's log would hold the sign-in address, credentials included: keep it nowhere.
                .withLogOutput(OutputStream.nullOutputStream())
                .build();
        ChromeDriver chrome;
        try {
            chrome = new ChromeDriver(service, options);
        } catch (WebDriverException e) {
            deleteProfile();
            throw e;
        }
        driver = chrome;
        quitAtExit = OrphanGuard.watch(this::quitDriver);
        // Headless Chromium's window size includes room for the toolbars it does not draw: the page would get
        // about 1280 × 657. The page's own size is what the screenshots show, so fix that instead.
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
        wait = new WebDriverWait(driver, WAIT);
    }

    /** Quits Chromium and its driver, even after a failure; the throw-away profile goes with them. */
    private void quit() {
        if (driver == null) {
            return;
        }
        try {
            quitAtExit.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver = null;
            wait = null;
            base = null;
        }
    }

    private void quitDriver() {
        try {
            driver.quit();
        } catch (WebDriverException e) {
            System.err.println("browser: quitting Chromium failed: " + e.getMessage());
        } finally {
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            System.err.println("browser: could not delete the profile " + profile + ": " + e);
        }
    }

    /** {@code /usr/bin/<command>}, else {@code <command>} on the PATH; else a one-line failure naming the package. */
    static Path debianProgram(String command, String debianPackage) {
        Stream<Path> candidates = Stream.concat(Stream.of(Path.of("/usr/bin")),
                Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                        .filter(dir -> !dir.isBlank()).map(Path::of));
        return candidates.map(dir -> dir.resolve(command)).filter(Files::isExecutable).findFirst()
                .orElseThrow(() -> new AssertionError(command + " is missing: install Debian's " + debianPackage
                        + " (apt-get install " + debianPackage + ", or run tools/install-test-packages.sh)"));
    }

    private static boolean hasCredentials(String address) {
        return URI.create(address).getRawUserInfo() != null;
    }

    private static String encode(String userInfoPart) {
        return URLEncoder.encode(userInfoPart, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
