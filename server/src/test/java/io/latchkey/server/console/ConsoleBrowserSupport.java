package io.latchkey.server.console;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console's browser tests share: one {@link ConsoleFleet} per test class, a fresh
 * headless Chromium per test, and the steps a person takes (sign in, click, tick a row) with the
 * waits htmx's live parts need.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserSupport {
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    ConsoleFleet fleet;
    WebDriver browser;

    @BeforeAll
    void start() throws Exception {
        Browser.requireInstalled();
        fleet = openFleet(dir);
    }

    /** The fleet this class runs against; multi-admin approval is off unless a class asks for it. */
    ConsoleFleet openFleet(Path directory) throws Exception {
        return new ConsoleFleet(directory);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
            browser = null;
        }
    }

    @AfterAll
    void stop() {
        if (fleet != null) {
            fleet.close();
        }
    }

    WebDriver signIn(String languages, String shotName) {
        return signIn(languages, shotName, ConsoleFleet.ADMIN, ConsoleFleet.PASSWORD);
    }

    WebDriver signIn(String languages, String shotName, String name, String password) {
        WebDriver b = Browser.open(languages);
        this.browser = b;
        b.get(fleet.base + "/console");
        shot(shotName);
        b.findElement(By.id("name")).sendKeys(name);
        b.findElement(By.id("password")).sendKeys(password);
        b.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(b, PATIENCE).until(d -> !d.findElements(By.cssSelector("nav.tree")).isEmpty()
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        return b;
    }

    /** The console's answer to a request made outside the browser, with the browser's session cookie or none. */
    HttpResponse<String> consoleRequest(String method, String path, String form, Cookie session) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fleet.base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .method(method, form == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(form));
        if (session != null) {
            b.header("Cookie", session.getName() + "=" + session.getValue());
        }
        return fleet.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    void tick(String deviceName) {
        tickLabelled("Select " + deviceName);
    }

    void tickLabelled(String label) {
        WebElement box = browser.findElement(By.cssSelector("input.row-check[aria-label='" + label + "']"));
        box.click();
        assertThat(box.isSelected()).isTrue();
    }

    /**
     * Confirms the task and lets the devices check in once its progress page is there: checking in
     * before the POST has stored the task would find nothing due.
     */
    void confirmAndCheckIn() {
        click(By.cssSelector("form.confirm button[type=submit]"));
        new WebDriverWait(browser, PATIENCE).until(b -> !b.findElements(By.cssSelector(".progress-panel")).isEmpty());
        fleet.devicesCheckIn();
    }

    /**
     * Clicks the element once it is there: after a click that loads a page, the next page may not be
     * (a CI run on 2026-11-27 looked for the confirm button of "Lost Mode off" before its page came).
     */
    void click(By by) {
        new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class).until(b -> {
            b.findElement(by).click();
            return true;
        });
    }

    void remoteTask(String summary, String task) {
        click(By.xpath("//summary[normalize-space()='" + summary + "']"));
        click(By.xpath("//button[normalize-space()='" + task + "']"));
        // The button submits a form: wait for the confirmation page, or the next step would look for
        // its fields on the page being left.
        present(By.cssSelector("form.confirm"));
    }

    /** The element once the page shows it (after a navigation the old page may still be there). */
    WebElement present(By by) {
        return new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class).until(b -> b.findElement(by));
    }

    /** The element's text, read again if the page changed under it (a redirect, an htmx swap). */
    String text(String css) {
        // htmx swaps parts of the page while they are read: Chromium then reports the node as stale,
        // or as "not belonging to the document" (an inspector error); both mean read it again.
        return new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class)
                .until(b -> b.findElement(By.cssSelector(css)).getText());
    }

    List<String> states() {
        return new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class)
                .until(b -> b.findElements(By.cssSelector(".progress-panel tbody .state")).stream()
                        .map(WebElement::getText).toList());
    }

    void awaitText(String css, String expected) {
        new WebDriverWait(browser, PATIENCE).until(b -> {
            try {
                return b.findElement(By.cssSelector(css)).getText().replaceAll("\\s+", " ").contains(expected);
            } catch (org.openqa.selenium.StaleElementReferenceException
                     | org.openqa.selenium.NoSuchElementException swapped) {
                return false;
            } catch (WebDriverException swapped) {
                if (!String.valueOf(swapped.getMessage()).contains("does not belong to the document")) {
                    throw swapped;
                }
                return false;
            }
        });
    }

    void shot(String name) {
        Browser.screenshot(browser, name);
    }

}
