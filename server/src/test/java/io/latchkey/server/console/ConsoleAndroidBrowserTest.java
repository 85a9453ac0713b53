package io.latchkey.server.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 with the Android channel: a phone enrolled through the AMAPI stand-in gets a Passcode
 * Reset from the console and the temporary passcode is revealed once, audited.
 */
class ConsoleAndroidBrowserTest extends ConsoleBrowserSupport {

    /** (b) All Users › a user › Devices › the Android device › Passcode Reset; the passcode shown after "Show". */
    @Test
    void anAndroidPhoneGetsAPasscodeResetAndTheTemporaryPasscodeIsShownAndAudited() {
        browser = signIn("en-US,en", "b-android-01-login");
        click(By.linkText("All Users"));
        click(By.linkText("Fay Girard"));
        click(By.xpath("//nav[contains(@class,'tabs')]//a[normalize-space()='Devices']"));
        shot("b-android-02-user-devices");
        click(By.linkText(fleet.androidName));
        assertThat(text("main")).contains("Android");
        shot("b-android-03-device");
        remoteTask("Remote Tasks", "Passcode Reset");
        assertThat(text(".preview")).contains("1 of 1 devices support Passcode Reset.");
        shot("b-android-04-confirm");
        click(By.cssSelector("form.confirm button[type=submit]"));
        // The stand-in applies the command and the server's operation polling reports it done.
        awaitText(".counts", "succeeded 1");
        shot("b-android-05-succeeded");
        click(By.cssSelector("button.show-secret"));
        new WebDriverWait(browser, PATIENCE).until(b -> !b.findElements(By.cssSelector(".secret-value")).isEmpty());
        String passcode = browser.findElement(By.cssSelector(".secret-value")).getText();
        assertThat(passcode).matches("[0-9]{6,}").isEqualTo(fleet.android.password().orElseThrow());
        shot("b-android-06-passcode-shown");

        click(By.linkText("Audit log"));
        browser.findElement(By.id("action")).sendKeys("secret.reveal");
        click(By.cssSelector("form.filters button[type=submit]"));
        String log = text("main table");
        assertThat(log).contains("secret.reveal").contains(ConsoleFleet.ADMIN).doesNotContain(passcode);
        shot("b-android-07-audit-reveal");
    }
}
