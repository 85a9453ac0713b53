package io.latchkey.server.console;

import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.audit.Actor;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A Read Only Operator in a real browser: no Remote Tasks anywhere, and a forged task form is refused. */
class ConsoleRolesBrowserTest extends ConsoleBrowserSupport {
    private static final String READER = "reader";
    private static final String PASSWORD = "reader-violet-harbour-crane";

    @Test
    void aReadOnlyOperatorSeesNoRemoteTasksAndAForgedTaskIsRefused() throws Exception {
        Admin reader = new Admin(UUID.randomUUID(), READER, null, Instant.now());
        fleet.app.storage().admins().create(reader, List.of());
        fleet.app.roleAdministration().assign(reader.id(), Role.READ_ONLY_OPERATOR, Scope.ALL, io.latchkey.core.audit.Actor.SYSTEM);
        fleet.app.identities().passwords().set(READER, PASSWORD, new Actor("test", "test"));

        browser = signIn("en-US,en", "r-01-login", READER, PASSWORD);
        click(By.linkText("All Devices"));
        shot("r-02-all-devices-read-only");
        assertThat(browser.findElements(By.cssSelector(".row-check"))).isNotEmpty();
        assertThat(browser.findElements(By.xpath("//summary[normalize-space()='Remote Tasks']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button[name=action]"))).isEmpty();
        click(By.linkText(fleet.iphone1.deviceName()));
        shot("r-03-device-read-only");
        assertThat(text("main")).contains(fleet.iphone1.deviceName());
        assertThat(browser.findElements(By.xpath("//summary[normalize-space()='Remote Tasks']"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("button[name=action]"))).isEmpty();

        String url = browser.getCurrentUrl();
        String deviceId = url.substring(url.lastIndexOf('/') + 1);
        // The button is not there, but the form could still be forged: the server refuses it.
        String csrf = browser.findElement(By.name("csrf")).getAttribute("value");
        Cookie session = browser.manage().getCookieNamed("lk_console");
        HttpResponse<String> forged = consoleRequest("POST", "/console/tasks", "csrf="
                + URLEncoder.encode(csrf, StandardCharsets.UTF_8) + "&action=remoteLock&ids="
                + deviceId, session);
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(forged.body()).contains("your role does not permit remote lock");
    }
}
