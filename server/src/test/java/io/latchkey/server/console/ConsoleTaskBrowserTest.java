package io.latchkey.server.console;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Remote Tasks menu's other flows in headless Chromium: Lost Mode on and off, "all N
 * matching", the confirmation's Cancel and its typed count for a mixed selection, plus the
 * language switch and the Content-Security-Policy the pages are served with. The wipe runs last:
 * it takes two devices out of the fleet the other tests use.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleTaskBrowserTest extends ConsoleBrowserSupport {
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'";

    @Test
    @Order(1)
    void everyConsolePageCarriesAContentSecurityPolicyWithoutInlineScripts() throws Exception {
        browser = signIn("en-US,en", "i-01-login");
        Cookie session = browser.manage().getCookieNamed("lk_console");
        for (String path : new String[] {"/console/login", "/console", "/console/groups/all-devices",
                "/console/users", "/console/audit", "/console/tasks"}) {
            HttpResponse<String> page = consoleRequest("GET", path, null, path.endsWith("login") ? null : session);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).as(path).startsWith(CSP).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(page.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
            assertThat(page.body()).as(path).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");
        }
    }

    @Test
    @Order(2)
    void theLanguageSwitchTurnsTheConsoleFrenchAndBackOnTheSamePage() {
        browser = signIn("en-US,en", "j-01-login");
        click(By.linkText("All Users"));
        click(By.linkText("Français"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/users");
        assertThat(browser.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("fr");
        assertThat(text("nav.tree")).contains("Tous les utilisateurs").contains("Tous les périphériques");
        shot("j-02-francais");
        click(By.linkText("English"));
        new WebDriverWait(browser, PATIENCE).ignoring(WebDriverException.class)
                .until(b -> "en".equals(b.findElement(By.tagName("html")).getDomAttribute("lang")));
        assertThat(text("nav.tree")).contains("All Users");
    }

    /** A supervised iPhone: Lost Mode on with a message and a number, then off, from its device page. */
    @Test
    @Order(3)
    void lostModeGoesOnAndOffOnASupervisedIphone() {
        browser = signIn("en-US,en", "k-01-login");
        click(By.linkText("All Devices"));
        click(By.linkText(fleet.iphone2.deviceName()));
        remoteTask("Remote Tasks", "Lost Mode on");
        assertThat(text(".preview")).contains("1 of 1 devices support Lost Mode on.");
        browser.findElement(By.id("message")).sendKeys("Found me? Please call");
        browser.findElement(By.id("phoneNumber")).sendKeys("+33 1 23 45 67 89");
        shot("k-02-lost-mode-confirm");
        confirmAndCheckIn();
        awaitText(".counts", "succeeded 1");
        assertThat(fleet.iphone2.status().lostMode()).isTrue();
        shot("k-03-lost-mode-on");

        click(By.linkText(fleet.iphone2.deviceName()));
        remoteTask("Remote Tasks", "Lost Mode off");
        confirmAndCheckIn();
        awaitText(".counts", "succeeded 1");
        assertThat(fleet.iphone2.status().lostMode()).isFalse();
        shot("k-04-lost-mode-off");
    }

    /** "Select all N matching" sends the task to every matching device, not only the ticked page. */
    @Test
    @Order(4)
    void selectAllMatchingThenRemoteLockSubmitsThemAll() throws Exception {
        browser = signIn("en-US,en", "l-01-login");
        click(By.linkText("All Devices"));
        click(By.linkText("All Mobile Devices"));
        awaitText(".all-matching", "Select all");
        Matcher n = Pattern.compile("Select all (\\d+) devices").matcher(text(".all-matching"));
        assertThat(n.find()).isTrue();
        int matching = Integer.parseInt(n.group(1));
        assertThat(matching).isGreaterThanOrEqualTo(4);
        click(By.id("all-matching"));
        shot("l-02-all-matching");
        remoteTask("Remote Tasks", "Remote Lock");
        // Every matching device is selected; those the matrix refuses (the 8.1 PC with another user) are skipped.
        Matcher preview = Pattern.compile("(\\d+) of (\\d+) devices support Remote Lock").matcher(text(".preview"));
        assertThat(preview.find()).isTrue();
        assertThat(Integer.parseInt(preview.group(2))).isEqualTo(matching);
        int supported = Integer.parseInt(preview.group(1));
        assertThat(supported).isGreaterThanOrEqualTo(matching - 1);
        assertThat(text("form.confirm button[type=submit]")).isEqualTo("Remote Lock " + supported + " device(s)");
        click(By.cssSelector("form.confirm button[type=submit]"));
        // Every matching device has its line; the one the matrix refuses is marked "not supported".
        awaitText(".progress-panel", "All " + matching);
        shot("l-03-all-sent");
        fleet.devicesCheckIn();
        awaitText(".counts", "succeeded " + supported);
        shot("l-04-all-locked");
    }

    /** Wipe on a mixed selection: the typed number is the number that will be wiped; Cancel goes back. */
    @Test
    @Order(5)
    void aMixedWipeAsksForTheNumberOfDevicesThatWillBeWipedAndCancelGoesBack() throws Exception {
        browser = signIn("en-US,en", "m-01-login");
        click(By.linkText("All Devices"));
        tick(fleet.desktop.deviceName());
        tick(fleet.phone.deviceName());
        tick(fleet.agentPcName);
        remoteTask("Remote Tasks", "Wipe");
        assertThat(text(".preview")).contains("2 of 3 devices support Wipe.").contains("1 will be skipped:");
        assertThat(text("form.confirm button[type=submit]")).isEqualTo("Wipe 2 device(s)");
        assertThat(text("form.confirm")).contains("Type 2 (the number of devices that will get it) to confirm Wipe");
        shot("m-02-mixed-wipe-confirm");
        click(By.linkText("Cancel"));
        awaitText("h1", "All Devices");
        present(By.cssSelector("input.row-check"));

        tick(fleet.desktop.deviceName());
        tick(fleet.phone.deviceName());
        tick(fleet.agentPcName);
        remoteTask("Remote Tasks", "Wipe");
        int before = fleet.taskCount();
        present(By.id("typed")).sendKeys("3");
        click(By.cssSelector("form.confirm button[type=submit]"));
        assertThat(text(".alert")).contains("not the number of devices that will get this task");
        assertThat(fleet.taskCount()).isEqualTo(before);
        assertThat(browser.findElement(By.linkText("Cancel")).getDomAttribute("href"))
                .isEqualTo("/console/groups/all-devices");
        shot("m-03-mixed-wipe-wrong-number");
        present(By.id("typed")).sendKeys("2");
        confirmAndCheckIn();
        awaitText(".counts", "succeeded 2");
        assertThat(fleet.desktop.status().wiped()).isTrue();
        assertThat(fleet.phone.status().wiped()).isTrue();
        shot("m-04-mixed-wiped");
    }

    /** Keyset pages forward and back: "Previous" returns to exactly the rows seen before. */
    @Test
    @Order(6)
    void previousPageReturnsToTheRowsSeenBefore() throws Exception {
        StringBuilder devices = new StringBuilder();
        for (int i = 0; i < 110; i++) {
            devices.append(i == 0 ? "" : ",").append("{\"name\":\"PAGER-").append(String.format("%03d", i))
                    .append("\",\"platform\":\"Windows\",\"osVersion\":\"10.0.19045\",\"channel\":\"pcAgent\","
                            + "\"ownership\":\"company\",\"enrollingUser\":\"dana@example.com\"}");
        }
        ConsoleFleet.ok(fleet.post("/api/v1/import", "{\"devices\":[" + devices + "]}"));
        browser = signIn("en-US,en", "n-01-login");
        browser.get(fleet.base + "/console/groups/all-devices?q=PAGER-");
        assertThat(firstRow()).isEqualTo("PAGER-000");
        click(By.linkText("Next page"));
        assertThat(firstRow()).isEqualTo("PAGER-050");
        click(By.linkText("Next page"));
        assertThat(firstRow()).isEqualTo("PAGER-100");
        assertThat(browser.findElements(By.linkText("Next page"))).isEmpty();
        shot("n-02-third-page");
        click(By.linkText("Previous page"));
        assertThat(firstRow()).isEqualTo("PAGER-050");
        click(By.linkText("Previous page"));
        assertThat(firstRow()).isEqualTo("PAGER-000");
        assertThat(browser.findElements(By.linkText("Previous page"))).isEmpty();
    }

    private String firstRow() {
        return text("table tbody tr td a");
    }
}
