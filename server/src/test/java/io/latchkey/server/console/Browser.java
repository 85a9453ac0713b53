package io.latchkey.server.console;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Debian's headless Chromium driven by its own chromedriver: both paths are given, so Selenium
 * Manager never downloads a browser or a driver. Without them the tests skip loudly, unless
 * {@code LATCHKEY_REQUIRE_BROWSER=1} (set by scripts/test.sh under CI) makes that a failure.
 */
final class Browser {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Beside the console module's build output, where people look for them. */
    static final Path SCREENSHOTS = Path.of("").toAbsolutePath().getParent()
            .resolve("console/target/screenshots");

    private Browser() {
    }

    static void requireInstalled() {
        boolean there = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (there) {
            return;
        }
        String message = "no " + CHROMIUM + " / " + CHROMEDRIVER + ": run scripts/ensure-chromium.sh";
        if ("1".equals(System.getenv("LATCHKEY_REQUIRE_BROWSER"))) {
            throw new AssertionError("browser tests are required (LATCHKEY_REQUIRE_BROWSER=1) but " + message);
        }
        System.err.println("*** CONSOLE BROWSER TESTS SKIPPED: " + message + " ***");
        Assumptions.abort("browser tests skipped: " + message);
    }

    /** A fresh browser whose Accept-Language is {@code languages} (e.g. "fr-FR,fr"). */
    static WebDriver open(String languages) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=" + languages.split(",")[0]);
        // The test server's certificate is self-signed for localhost.
        options.setAcceptInsecureCerts(true);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", languages));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void screenshot(WebDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
