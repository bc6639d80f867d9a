package io.parapet.server.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver, so nothing is downloaded. `.ci/run` installs
 * both ({@code apt-get install chromium chromium-driver}). Screenshots go to {@code target/screenshots/}.
 */
public final class Chromium implements AutoCloseable {
    static final String BINARY = "/usr/bin/chromium";
    static final String DRIVER = "/usr/bin/chromedriver";

    public final ChromeDriver driver;
    public final WebDriverWait wait;
    private final Path profile;

    public Chromium(int width, int height) {
        if (!new File(DRIVER).canExecute() || !new File(BINARY).canExecute()) {
            throw new IllegalStateException("browser tests need Debian's chromium and chromedriver: "
                    + "apt-get install chromium chromium-driver (.ci/run does this)");
        }
        try {
            profile = Files.createTempDirectory("parapet-chromium");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        // Without the networking flags, Chromium's background connections pile up against the closed network.
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(DRIVER))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(new Dimension(width, height));
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    }

    /** Signs in on the sign-in page with an API key and waits for the prompts page. */
    public void signIn(String baseUrl, String key) {
        driver.get(baseUrl + "/ui/login");
        driver.findElement(org.openqa.selenium.By.id("key")).sendKeys(key);
        driver.findElement(org.openqa.selenium.By.id("sign-in-key")).click();
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("/ui/prompts"));
    }

    public void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a browser scenario; when it fails, the page as it was is saved (screenshot and HTML) to see why. */
    public void scenario(String name, Runnable steps) {
        try {
            steps.run();
        } catch (RuntimeException | AssertionError e) {
            screenshot(name + "-failed");
            try {
                Files.writeString(Path.of("target", "screenshots", name + "-failed.html"), driver.getPageSource());
            } catch (IOException io) {
                e.addSuppressed(io);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary profile is harmless
        }
    }
}
