package io.latchkey.server.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7, "Show": the console in headless Chromium against a real server whose devices enrolled
 * through the real Apple, Windows and Android protocols. Each step is saved as a screenshot under
 * console/target/screenshots/ for a person to look at.
 */
class ConsoleBrowserTest extends ConsoleBrowserSupport {

    /** (a) Groups › All Devices › All Mobile Devices › All Direct Managed Devices, two devices, Remote Lock. */
    @Test
    void theSourceDocumentsPathLocksTwoDevices() {
        browser = signIn("en-US,en", "a-01-login");
        click(By.linkText("All Devices"));
        shot("a-02-all-devices");
        click(By.linkText("All Mobile Devices"));
        shot("a-03-all-mobile-devices");
        click(By.linkText("All Direct Managed Devices"));
        awaitText("h1", "All Direct Managed Devices");
        awaitText(".all-matching", "Select all 6 devices matching this filter");
        tick(fleet.iphone1.deviceName());
        tick(fleet.iphone2.deviceName());
        shot("a-04-two-selected");
        click(By.xpath("//summary[normalize-space()='Remote Tasks']"));
        shot("a-05-remote-tasks-menu");
        click(By.xpath("//button[normalize-space()='Remote Lock']"));
        assertThat(text(".preview")).contains("2 of 2 devices support Remote Lock.");
        shot("a-06-confirm");
        browser.findElement(By.id("message")).sendKeys("Lost: please call IT");
        click(By.cssSelector("form.confirm button[type=submit]"));
        assertThat(text(".progress-panel")).containsAnyOf("pending", "sent");
        shot("a-07-progress-pending");
        fleet.devicesCheckIn();
        awaitText(".counts", "succeeded 2");
        assertThat(states()).containsExactly("succeeded", "succeeded");
        shot("a-08-succeeded");
        assertThat(fleet.iphone1.status().locked()).isTrue();
        assertThat(fleet.iphone2.status().locked()).isTrue();
    }

    /** All Users › a user › Devices › a Windows phone › Passcode Reset; the new PIN shown after "Show". */
    @Test
    void aUsersDeviceGetsAPasscodeResetAndTheNewPinIsShown() {
        browser = signIn("en-US,en", "b-01-login");
        click(By.linkText("All Users"));
        shot("b-02-all-users");
        click(By.linkText("Ben Dubois"));
        shot("b-03-user");
        click(By.xpath("//nav[contains(@class,'tabs')]//a[normalize-space()='Devices']"));
        shot("b-04-user-devices");
        click(By.linkText(fleet.phone.deviceName()));
        assertThat(text("main")).contains("RemoteLock/LockAndResetPIN, then Get NewPINValue");
        shot("b-05-device");
        click(By.xpath("//summary[normalize-space()='Remote Tasks']"));
        click(By.xpath("//button[normalize-space()='Passcode Reset']"));
        assertThat(text(".preview")).contains("1 of 1 devices support Passcode Reset.");
        shot("b-06-confirm");
        confirmAndCheckIn();
        awaitText(".counts", "succeeded 1");
        shot("b-07-succeeded");
        click(By.cssSelector("button.show-secret"));
        new WebDriverWait(browser, PATIENCE).until(b -> !b.findElements(By.cssSelector(".secret-value")).isEmpty());
        String pin = browser.findElement(By.cssSelector(".secret-value")).getText();
        assertThat(pin).isEqualTo(fleet.phone.status().currentPin().orElseThrow());
        // A finished task's panel stops polling, so no refresh takes the revealed PIN away.
        assertThat(browser.findElement(By.cssSelector(".progress-panel")).getDomAttribute("hx-trigger")).isNull();
        assertThat(browser.findElement(By.cssSelector(".secret-value")).getText()).isEqualTo(pin);
        shot("b-08-pin-shown");
    }

    /** (c) A mixed selection: the 8.1 PC with another user and the agent PC are skipped, with reasons. */
    @Test
    void aMixedSelectionShowsWhichDevicesWillBeSkippedAndWhy() {
        browser = signIn("en-US,en", "c-01-login");
        click(By.linkText("All Devices"));
        tick(fleet.iphone1.deviceName());
        tick(fleet.legacy.deviceName());
        tick(fleet.agentPcName);
        shot("c-02-mixed-selection");
        click(By.xpath("//summary[normalize-space()='Remote Tasks']"));
        click(By.xpath("//button[normalize-space()='Remote Lock']"));
        String preview = text(".preview");
        assertThat(preview).contains("1 of 3 devices support Remote Lock.").contains("2 will be skipped:");
        List<String> reasons = browser.findElements(By.cssSelector(".reasons li")).stream()
                .map(WebElement::getText).toList();
        assertThat(reasons).hasSize(2);
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("1 device(s):")
                .contains("current user is the user who enrolled it").contains(fleet.legacy.deviceName()));
        assertThat(reasons).anySatisfy(r -> assertThat(r).contains("1 device(s):")
                .contains("agent client software").contains(fleet.agentPcName));
        assertThat(reasons).noneSatisfy(r -> assertThat(r).contains(fleet.iphone1.deviceName()));
        shot("c-03-preview-skipped");
    }

    /** (d) The source document's path in French, word for word. */
    @Test
    void theSameFlowInFrench() {
        browser = signIn("fr-FR,fr", "d-01-connexion");
        click(By.linkText("Tous les périphériques"));
        click(By.linkText("Tous les appareils mobiles"));
        shot("d-02-appareils-mobiles");
        click(By.linkText("Tous les périphériques gérés directe"));
        tickLabelled("Sélectionner " + fleet.iphone1.deviceName());
        tickLabelled("Sélectionner " + fleet.iphone2.deviceName());
        click(By.xpath("//summary[normalize-space()='Tâches à distance']"));
        shot("d-03-taches-a-distance");
        click(By.xpath("//button[normalize-space()='Verrouiller à distance']"));
        assertThat(text(".preview")).contains("2 périphérique(s) sur 2 prennent en charge « Verrouiller à distance ».");
        shot("d-04-confirmation");
        confirmAndCheckIn();
        awaitText(".counts", "réussie 2");
        shot("d-05-reussie");
        click(By.linkText("Tous les périphériques"));
        click(By.linkText(fleet.legacy.deviceName()));
        assertThat(text("main")).contains("l’utilisateur actuel de l’appareil est le même utilisateur qui a inscrit");
        shot("d-06-appareil-windows-81");
    }

    /** Enrollment and the audit log: a Windows code for a user, then the log filtered by action. */
    @Test
    void enrollmentCodesAndTheAuditLog() {
        browser = signIn("en-US,en", "f-01-login");
        assertThat(text("main")).contains("Devices by platform").contains("Devices by management channel");
        shot("f-02-home");
        click(By.linkText("All Users"));
        click(By.linkText("Dana Leroy"));
        click(By.xpath("//button[normalize-space()='Windows enrollment code']"));
        assertThat(text("main")).contains("dana@example.com");
        assertThat(browser.findElement(By.cssSelector(".secret-value")).getText()).matches("[0-9a-f]{64}");
        shot("f-03-windows-code");
        click(By.linkText("Audit log"));
        present(By.id("action")).sendKeys("enrollment.");
        click(By.cssSelector("form.filters button[type=submit]"));
        assertThat(text("main table")).contains("enrollment.code.issue").doesNotContain("admin.signin");
        shot("f-04-audit-filtered");
        // A narrow screen: the tree goes above the list and nothing is cut off.
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(420, 900));
        click(By.linkText("All Devices"));
        shot("f-05-narrow-all-devices");
        assertThat(browser.findElement(By.cssSelector("summary")).isDisplayed()).isTrue();
    }

    /** Wipe asks for the number of devices typed out; a wrong number sends nothing. */
    @Test
    void wipeNeedsTheNumberOfDevicesTyped() throws Exception {
        browser = signIn("en-US,en", "g-01-login");
        click(By.linkText("All Computers"));
        tick(fleet.desktop.deviceName());
        click(By.xpath("//summary[normalize-space()='Remote Tasks']"));
        click(By.xpath("//button[normalize-space()='Wipe']"));
        assertThat(text("form.confirm")).contains("Type 1 (the number of devices that will get it) to confirm Wipe");
        int before = fleet.taskCount();
        browser.findElement(By.id("typed")).sendKeys("2");
        click(By.cssSelector("form.confirm button[type=submit]"));
        assertThat(text(".alert")).contains("not the number of devices that will get this task");
        assertThat(fleet.taskCount()).isEqualTo(before);
        shot("g-02-wipe-wrong-number");
        browser.findElement(By.id("typed")).sendKeys("1");
        click(By.xpath("//label[contains(., 'Keep user data')]/input"));
        shot("g-03-wipe-confirm");
        confirmAndCheckIn();
        assertThat(text("main")).contains("Keep user data (Windows)");
        awaitText(".counts", "succeeded 1");
        assertThat(fleet.desktop.status().wiped()).isTrue();
        shot("g-04-wiped");
    }

    /** (e) A state-changing POST without the session's CSRF token is refused and changes nothing. */
    @Test
    void aPostWithoutTheCsrfTokenIsRefused() throws Exception {
        browser = signIn("en-US,en", "e-01-login");
        Cookie session = browser.manage().getCookieNamed("lk_console");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.isSecure()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(fleet.get("/console/login").headers().firstValue("Strict-Transport-Security"))
                .contains("max-age=31536000");
        String deviceId = fleet.iphone1.udid();
        int before = fleet.taskCount();
        String form = "action=remoteLock&scope=filter&group=all-devices&idempotencyKey=csrf-test";

        assertThat(consolePost("/console/tasks", form, session).statusCode()).isEqualTo(403);
        assertThat(consolePost("/console/tasks", form + "&csrf=forged", session).statusCode()).isEqualTo(403);
        assertThat(consolePost("/console/login", "name=admin&password=x", null).statusCode()).isEqualTo(403);
        assertThat(fleet.taskCount()).isEqualTo(before);
        assertThat(deviceId).isNotBlank();
    }

    private HttpResponse<String> consolePost(String path, String form, Cookie session) throws Exception {
        return consoleRequest("POST", path, form, session);
    }
}
