package io.latchkey.server.console;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.android.AmapiStandIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user page's Android enrollment when tokens cannot be issued: a server without the channel
 * says which setting is missing, one whose enterprise is not bound names the commands that bind
 * it; neither offers the form, and a forged POST creates nothing. Plain HTTP, no browser needed.
 */
class ConsoleAndroidUnavailableTest {
    private static final String TOKEN = "lk_console-android-off-0123456789";
    private static final String PASSWORD = "console-off-password";

    @TempDir
    Path dir;

    @Test
    void withoutTheChannelThePageNamesTheMissingSetting() throws Exception {
        try (App app = App.open(settings(dir, Map.of()))) {
            String page = userPage(app);
            assertThat(page).contains("The Android channel is not configured on this server")
                    .contains("android.service.account.key").doesNotContain("android-enroll");
        }
    }

    @Test
    void withoutABoundEnterpriseThePageNamesTheSignupCommand() throws Exception {
        try (AmapiStandIn google = AmapiStandIn.start()) {
            Path key = google.writeServiceAccountKey(dir.resolve("service-account.json"));
            try (App app = App.open(settings(dir, Map.of(Option.ANDROID_SERVICE_ACCOUNT_KEY, key.toString(),
                    Option.ANDROID_AMAPI_ROOT_URL, google.rootUrl().toString())))) {
                String page = userPage(app);
                assertThat(page).contains("No Android Enterprise is bound yet").contains("latchkey android signup")
                        .doesNotContain("android-enroll");
            }
        }
    }

    private static Settings settings(Path dir, Map<Option, String> more) {
        Map<Option, String> all = new HashMap<>(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.resolve("data").toString()));
        all.putAll(more);
        return SettingsLoader.load(all, null, Map.of());
    }

    /** Signs in as the console does (the login form's token, then the session cookie) and reads a user's page. */
    private static String userPage(App app) throws Exception {
        app.bootstrap("admin", PASSWORD, TOKEN);
        String base = "http://127.0.0.1:" + app.serve();
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/import")).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"users\":[{\"userPrincipalName\":\"gil@example.com\",\"displayName\":\"Gil Roux\"}]}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String users = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users?search=gil@example.com"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"").matcher(users);
        assertThat(id.find()).isTrue();

        String form = http.send(HttpRequest.newBuilder(URI.create(base + "/console/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form);
        assertThat(csrf.find()).isTrue();
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(URI.create(base + "/console/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(csrf.group(1)) + "&name=admin&password="
                        + enc(PASSWORD))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/console/users/"
                + id.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher sessionCsrf = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page.body());
        assertThat(sessionCsrf.find()).isTrue();
        HttpResponse<String> forced = http.send(HttpRequest.newBuilder(URI.create(base + "/console/users/"
                        + id.group(1) + "/enrollment/android"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("csrf=" + enc(sessionCsrf.group(1))
                        + "&kind=fullyManaged")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forced.statusCode()).isEqualTo(409);
        return page.body().replace("&#39;", "'");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
