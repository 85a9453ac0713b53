package io.latchkey.server.console;

import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.audit.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-admin approval in headless Chromium, default policy: the confirmation of a two-device
 * wipe says it needs approval and creates the request (nothing is sent); its requester sees it
 * without an Approve button; a second Administrator signs in, approves it with a comment, and the
 * devices are wiped.
 */
class ConsoleApprovalBrowserTest extends ConsoleBrowserSupport {
    private static final String APPROVER = "approver";
    private static final String APPROVER_PASSWORD = "approver-console-password-2026";

    @Override
    ConsoleFleet openFleet(Path directory) throws Exception {
        ConsoleFleet f = new ConsoleFleet(directory, true);
        Admin approver = new Admin(UUID.randomUUID(), APPROVER, null, Instant.now());
        f.app.storage().admins().create(approver, List.of());
        f.app.roleAdministration().assign(approver.id(), Role.ADMINISTRATOR, Scope.ALL, io.latchkey.core.audit.Actor.SYSTEM);
        f.app.identities().passwords().set(APPROVER, APPROVER_PASSWORD, Actor.SYSTEM);
        return f;
    }

    @Test
    void aWipeRequestedByOneAdministratorRunsOnlyOnceASecondOneApprovesIt() throws Exception {
        browser = signIn("en-US,en", "q-01-login");
        click(By.linkText("All Devices"));
        tick(fleet.desktop.deviceName());
        tick(fleet.phone.deviceName());
        remoteTask("Remote Tasks", "Wipe");
        assertThat(text("#approval-note")).contains("needs a second administrator’s approval")
                .contains("wipe of 2 devices");
        assertThat(text("form.confirm button[type=submit]")).isEqualTo("Request approval: Wipe 2 device(s)");
        browser.findElement(By.id("reason")).sendKeys("both reported stolen");
        browser.findElement(By.id("typed")).sendKeys("2");
        shot("q-02-approval-confirm");
        int tasksBefore = fleet.taskCount();
        click(By.cssSelector("form.confirm button[type=submit]"));
        assertThat(text("#approval-created")).contains("Another administrator must approve it");
        assertThat(fleet.taskCount()).isEqualTo(tasksBefore);
        assertThat(text("table.approvals")).contains("both reported stolen").contains("Your request");
        assertThat(browser.findElements(By.xpath("//button[normalize-space()='Approve']"))).isEmpty();
        shot("q-03-approval-pending");
        fleet.devicesCheckIn();
        assertThat(fleet.desktop.status().wiped()).isFalse();
        browser.quit();

        browser = signInAs(APPROVER, APPROVER_PASSWORD);
        click(By.linkText("Approvals"));
        assertThat(text("table.approvals")).contains("both reported stolen").contains("admin");
        browser.findElement(By.cssSelector("table.approvals input[name=comment]")).sendKeys("checked with HR");
        shot("q-04-approver-sees-it");
        click(By.xpath("//button[normalize-space()='Approve']"));
        new WebDriverWait(browser, PATIENCE).until(b -> !b.findElements(By.cssSelector(".progress-panel")).isEmpty());
        assertThat(fleet.taskCount()).isEqualTo(tasksBefore + 1);
        fleet.devicesCheckIn();
        awaitText(".counts", "succeeded 2");
        assertThat(fleet.desktop.status().wiped()).isTrue();
        assertThat(fleet.phone.status().wiped()).isTrue();
        shot("q-05-approved-and-wiped");

        click(By.linkText("Approvals"));
        click(By.linkText("Approved"));
        assertThat(text("table.approvals")).contains("by " + APPROVER).contains("checked with HR");
    }

    private WebDriver signInAs(String name, String password) {
        WebDriver b = Browser.open("en-US,en");
        this.browser = b;
        b.get(fleet.base + "/console");
        b.findElement(By.id("name")).sendKeys(name);
        b.findElement(By.id("password")).sendKeys(password);
        b.findElement(By.cssSelector("form button[type=submit]")).click();
        new WebDriverWait(b, PATIENCE).until(d -> !d.findElements(By.cssSelector("nav.tree")).isEmpty()
                && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
        return b;
    }
}
