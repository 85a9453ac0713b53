package io.latchkey.server.console;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.oidc.SimulatedOidcProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 8, "Show": a person clicks "Sign in with Test IdP" in headless Chromium, signs in on the
 * provider stand-in's own page and lands in the console; signing out ends the session at the
 * provider too. Screenshots go to console/target/screenshots/oidc-*.png.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcConsoleBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    SimulatedOidcProvider idp;
    App app;
    String base;
    WebDriver browser;

    @BeforeAll
    void start() {
        Browser.requireInstalled();
        idp = SimulatedOidcProvider.start().signInAs(new SimulatedOidcProvider.Person("alice", "Alice Martin",
                List.of("latchkey-admins")));
        app = App.open(SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.toString(), Option.OIDC_ISSUER, idp.issuer(),
                Option.OIDC_CONSOLE_CLIENT_ID, "latchkey-console", Option.OIDC_CONSOLE_NAME, "Test IdP",
                Option.OIDC_ROLE_MAP, "latchkey-admins=Administrator"), null, Map.of()));
        base = "http://127.0.0.1:" + app.serve();
        // a public client: PKCE alone protects the code
        idp.registerClient("latchkey-console", null, base + "/console/login/oidc/callback");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void signInThroughTheProvidersPageAndOutAgain() throws Exception {
        browser = Browser.open("en-US,en");
        WebDriverWait wait = new WebDriverWait(browser, PATIENCE);
        browser.get(base + "/console");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/login");
        Browser.screenshot(browser, "oidc-01-login");
        browser.findElement(By.linkText("Sign in with Test IdP")).click();

        wait.until(b -> b.getCurrentUrl().startsWith(idp.issuer() + "/authorize"));
        assertThat(browser.findElement(By.id("consent")).getText()).isEqualTo("Continue as Alice Martin");
        Browser.screenshot(browser, "oidc-02-provider");
        browser.findElement(By.id("consent")).click();

        wait.until(b -> !b.findElements(By.cssSelector("nav.tree")).isEmpty());
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console");
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("oidc:alice@" + idp.issuer());
        assertThat(browser.manage().getCookieNamed("lk_oidc")).isNull();
        Browser.screenshot(browser, "oidc-03-signed-in");
        Path shot = Browser.SCREENSHOTS.resolve("oidc-03-signed-in.png");
        byte[] png = Files.readAllBytes(shot);
        assertThat(png.length).isGreaterThan(10_000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");

        browser.findElement(By.xpath("//button[normalize-space()='Sign out']")).click();
        wait.until(b -> b.getCurrentUrl().equals(base + "/console/login")
                && !b.findElements(By.linkText("Sign in with Test IdP")).isEmpty());
        assertThat(idp.logouts()).isEqualTo(1);
        Browser.screenshot(browser, "oidc-04-signed-out");
        browser.get(base + "/console");
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/login");
    }
}
