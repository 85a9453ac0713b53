package io.latchkey.server.console;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.http.QrDecoding;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 with the Android channel: a phone enrolled through the AMAPI stand-in gets a Passcode
 * Reset from the console and the temporary passcode is revealed once, audited; an administrator
 * creates an enrollment QR code on a user's page and a phone enrolls by scanning it.
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
        present(By.id("action")).sendKeys("secret.reveal");
        click(By.cssSelector("form.filters button[type=submit]"));
        String log = text("main table");
        assertThat(log).contains("secret.reveal").contains(ConsoleFleet.ADMIN).doesNotContain(passcode);
        shot("b-android-07-audit-reveal");
    }

    /** Build 4: the user page offers the three Android kinds; the QR code shown enrolls a phone for that user. */
    @Test
    void anAndroidEnrollmentQrCodeIsShownAndEnrollsAPhone() throws Exception {
        browser = signIn("en-US,en", "h-01-login");
        click(By.linkText("All Users"));
        click(By.linkText("Erin Moreau"));
        assertThat(text("form.android-enroll")).contains("Fully managed (company-owned device)")
                .contains("Work profile on a company-owned device").contains("Work profile on a personal device");
        click(By.xpath("//label[contains(., 'Work profile on a company-owned device')]/input"));
        shot("h-02-user-android-kind");
        click(By.xpath("//button[normalize-space()='Create an Android enrollment QR code']"));
        // The POST answers with a new page: wait for it rather than read the old one.
        WebElement qr = new org.openqa.selenium.support.ui.WebDriverWait(browser, PATIENCE)
                .until(b -> b.findElement(By.cssSelector("img.qr")));
        new WebDriverWait(browser, PATIENCE).until(b -> ((Number) ((JavascriptExecutor) b)
                .executeScript("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertThat(text("main")).contains("Work profile on a company-owned device").contains("Expires");
        assertThat(text(".enroll-link")).startsWith("https://enterprise.google.com/android/enroll?et=");
        shot("h-03-android-qr");

        // What a phone's camera reads: Android Device Policy's provisioning extras with the token.
        Cookie session = browser.manage().getCookieNamed("lk_console");
        String path = URI.create(qr.getDomAttribute("src")).getPath();
        HttpResponse<byte[]> png = image(path, session);
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("image/png"));
        String payload = QrDecoding.decode(png.body());
        assertThat(new ObjectMapper().readTree(payload).path("android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE")
                .path("com.google.android.apps.work.clouddpc.EXTRA_ENROLLMENT_TOKEN").asText()).isNotBlank();
        assertThat(image(path, null).statusCode()).as("without a session: to the sign-in page").isIn(302, 303, 401);
        assertThat(image(path.replaceAll("[0-9a-f]{4}$", "0000"), session).statusCode()).isEqualTo(404);

        SimulatedAndroidDevice scanned = fleet.google.enrollWithQr(payload, AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33);
        click(By.linkText("Back to the user"));
        click(By.xpath("//nav[contains(@class,'tabs')]//a[normalize-space()='Devices']"));
        new WebDriverWait(browser, PATIENCE).until(b -> {
            b.navigate().refresh();
            return b.findElement(By.tagName("main")).getText().contains("Android");
        });
        assertThat(scanned.name()).isNotBlank();
        shot("h-04-user-devices-with-android");
    }

    private HttpResponse<byte[]> image(String path, Cookie session) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(fleet.base + path)).GET();
        if (session != null) {
            b.header("Cookie", session.getName() + "=" + session.getValue());
        }
        return fleet.http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
