package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.eas.ClientProfile;
import io.latchkey.simulator.eas.ExchangeStandIn;
import io.latchkey.simulator.eas.Node;
import io.latchkey.simulator.eas.SimulatedEasClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latchkey on port 0 as an Exchange ActiveSync gateway in front of the stand-in Exchange, with
 * simulated phones syncing through it (issue 10, Show): discovery into All Exchange ActiveSync
 * Managed Devices, mail traffic unchanged byte for byte, block / quarantine / allow, wipe and
 * retire end to end (a held Ping cut short, 449 and Status 140, a failed wipe sent again), lock and
 * passcode reset refused with the matrix's reason, malformed requests refused with 400.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EasGatewayEndToEndTest {
    private static final String TOKEN = "lk_eas-e2e-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PASSWORD = "Gateway-Console-Passphrase-2026";

    @TempDir
    static Path dir;
    private ExchangeStandIn exchange;
    private App app;
    private TestClient api;
    private URI gateway;
    private String adminName;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void start() throws Exception {
        exchange = ExchangeStandIn.start().holdPingsAtMost(Duration.ofSeconds(60));
        Map<Option, String> options = new EnumMap<>(Option.class);
        options.put(Option.PORT, "0");
        options.put(Option.BIND, "127.0.0.1");
        options.put(Option.DATA_DIR, dir.resolve("data").toString());
        options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
        options.put(Option.EAS_UPSTREAM, exchange.url().toString());
        // Wipes and retires here are driven directly; multi-admin approval has its own tests (ApprovalEndToEndTest).
        options.put(Option.APPROVAL_ENABLED, "false");
        options.put(Option.EAS_ACCESS_DEFAULT, "allow");
        Settings settings = SettingsLoader.load(options, null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), PASSWORD, TOKEN);
        adminName = settings.bootstrapAdminUser();
        int port = app.serve();
        api = new TestClient(port, TOKEN);
        gateway = URI.create("http://127.0.0.1:" + port + "/Microsoft-Server-ActiveSync");
        api.ok(api.post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"jane@example.test\",\"displayName\":"
                + "\"Jane\"},{\"userPrincipalName\":\"bob@example.test\",\"displayName\":\"Bob\"}]}"));
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (exchange != null) {
            exchange.close();
        }
    }

    private SimulatedEasClient phone(ClientProfile profile, String user, String deviceId) {
        return new SimulatedEasClient(gateway, profile, user, "correct horse", deviceId, null);
    }

    @Test
    void aPhoneSyncingThroughTheGatewayIsListedWithItsModelUserAndVersion() throws Exception {
        phone(ClientProfile.IOS_MAIL, "jane@example.test", "ApplDISCOVER1").setUp();

        JsonNode listed = eas("ApplDISCOVER1");
        assertThat(listed).as("in All Exchange ActiveSync Managed Devices").isNotNull();
        assertThat(listed.get("model").asText()).isEqualTo("iPhone15C2");
        assertThat(listed.get("channel").asText()).isEqualTo("eas");
        assertThat(listed.get("platform").asText()).isEqualTo("iOS");
        assertThat(listed.get("enrollingUserId").asText()).isEqualTo(userId("jane@example.test"));
        JsonNode detail = device(listed.get("id").asText());
        assertThat(detail.at("/state/easProtocolVersion").asText()).isEqualTo("16.1");
        assertThat(detail.get("matrixRow").asText()).contains("Exchange ActiveSync");
        JsonNode access = JSON.readTree(api.ok(api.get("/api/v1/devices/" + listed.get("id").asText() + "/eas-access")));
        assertThat(access.get("access").asText()).isEqualTo("allowed");
        assertThat(access.get("userAgent").asText()).startsWith("Apple-iPhone");
        assertThat(access.get("friendlyName").asText()).isEqualTo("jane@example.test's iPhone");
    }

    @Test
    void theConsoleListsThePhoneShowsItsPartnershipAndQuarantinesIt() throws Exception {
        phone(ClientProfile.OUTLOOK_IOS, "jane@example.test", "OUTLCONSOLE1").setUp();
        String id = eas("OUTLCONSOLE1").get("id").asText();
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String login = browser.send(HttpRequest.newBuilder(gateway.resolve("/console/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(form(browser, "/console/login", Map.of("csrf", field(login, "csrf"), "name", adminName,
                "password", PASSWORD)).statusCode()).isEqualTo(303);

        String list = browser.send(HttpRequest.newBuilder(gateway.resolve("/console/groups/all-eas-managed-devices"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(list).contains("/console/devices/" + id).contains("jane@example.test's Outlook");
        String page = browser.send(HttpRequest.newBuilder(gateway.resolve("/console/devices/" + id)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Exchange ActiveSync").contains("Outlook-iOS/").contains("iPhone14C5")
                .contains("Exchange ActiveSync has no lock command");

        assertThat(form(browser, "/console/devices/" + id + "/eas-access", Map.of("csrf", field(page, "csrf"),
                "access", "quarantined")).statusCode()).isEqualTo(303);
        assertThat(JSON.readTree(api.ok(api.get("/api/v1/devices/" + id + "/eas-access"))).get("access").asText())
                .isEqualTo("quarantined");
    }

    private HttpResponse<String> form(HttpClient browser, String path, Map<String, String> fields) throws Exception {
        String body = fields.entrySet().stream().map(e -> e.getKey() + "=" + java.net.URLEncoder.encode(e.getValue(),
                java.nio.charset.StandardCharsets.UTF_8)).collect(java.util.stream.Collectors.joining("&"));
        return browser.send(HttpRequest.newBuilder(gateway.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String html, String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"" + name + "\" value=\"([^\"]+)\"")
                .matcher(html);
        assertThat(m.find()).as("hidden field " + name).isTrue();
        return m.group(1);
    }

    @Test
    void mailTrafficPassesByteForByteWithTheCredentialsUntouched() {
        SimulatedEasClient phone = phone(ClientProfile.SAMSUNG_EMAIL, "bob@example.test", "SEC0BYTES1").setUp();
        exchange.deliver("bob@example.test", "Big attachment inside", 400_000);

        SimulatedEasClient.Reply sync = phone.sync();

        assertThat(sync.raw().length).isGreaterThan(400_000);
        List<SimulatedEasClient.Exchanged> sent = phone.exchanges();
        List<ExchangeStandIn.Exchanged> seen = exchange.exchangesOf("SEC0BYTES1");
        assertThat(seen).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(seen.get(i).request()).as("request " + i + " " + sent.get(i).command())
                    .isEqualTo(sent.get(i).request());
            assertThat(seen.get(i).response()).as("response " + i).isEqualTo(sent.get(i).response());
            assertThat(seen.get(i).status()).isEqualTo(sent.get(i).status());
        }
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString(
                "bob@example.test:correct horse".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(seen).allSatisfy(e -> assertThat(e.authorization()).isEqualTo(expected));
    }

    @Test
    void blockedAndQuarantinedPhonesGetTheProtocolsRefusalAndAllowRestoresMail() throws Exception {
        SimulatedEasClient samsung = phone(ClientProfile.SAMSUNG_EMAIL, "bob@example.test", "SEC0ACCESS1").setUp();
        SimulatedEasClient old = phone(ClientProfile.ANDROID_EAS_12, "bob@example.test", "OLDACCESS1").setUp();
        String samsungId = eas("SEC0ACCESS1").get("id").asText();
        String oldId = eas("OLDACCESS1").get("id").asText();

        assertThat(setAccess(samsungId, "blocked")).isEqualTo(200);
        assertThat(setAccess(oldId, "blocked")).isEqualTo(200);
        int before = exchange.exchangesOf("SEC0ACCESS1").size();
        assertThat(samsung.folderSync().textOf("Status")).as("MS-ASCMD 129, 14.0+").contains("129");
        assertThat(samsung.refused()).isTrue();
        old.folderSync();
        assertThat(old.lastStatus()).as("HTTP 403 up to 12.1").isEqualTo(403);
        assertThat(exchange.exchangesOf("SEC0ACCESS1")).hasSize(before);

        assertThat(setAccess(samsungId, "quarantined")).isEqualTo(200);
        samsung.settings();
        assertThat(exchange.exchangesOf("SEC0ACCESS1")).as("Settings still reaches Exchange").hasSize(before + 1);
        assertThat(samsung.sync().easStatus()).isEqualTo(129);

        assertThat(setAccess(samsungId, "allowed")).isEqualTo(200);
        assertThat(samsung.folderSync().textOf("Status")).contains("1");
        assertThat(samsung.refused()).isFalse();
        assertThat(setAccess(samsungId, "sideways")).isEqualTo(400);
        assertThat(api.ok(api.get("/api/v1/audit?limit=200"))).contains("eas.access.set");
    }

    @Test
    void aWipeCutsTheHeldPingShortAndEndsWithTheDevicesAcknowledgement() throws Exception {
        SimulatedEasClient phone = phone(ClientProfile.IOS_MAIL, "jane@example.test", "ApplWIPE1").setUp();
        String id = eas("ApplWIPE1").get("id").asText();
        CompletableFuture<SimulatedEasClient.Reply> ping = CompletableFuture.supplyAsync(() -> phone.ping(900));
        await(() -> app.easGateway().orElseThrow().heldPings() > 0);

        String request = submit("wipe", id);

        SimulatedEasClient.Reply cut = ping.get(30, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(cut.easStatus()).as("Status 140, RemoteWipeRequested").isEqualTo(140);
        assertThat(phone.wiped()).isEqualTo(SimulatedEasClient.Wiped.FULL);
        await(() -> "succeeded".equals(state(request, id)));
        assertThat(device(id).get("enrolled").asBoolean()).isFalse();
        assertThat(exchange.exchangesOf("ApplWIPE1")).extracting(ExchangeStandIn.Exchanged::command)
                .as("the wipe never reached Exchange").doesNotContain("Ping");
    }

    @Test
    void anOldClientIsToldToProvisionWith449AndAFailedWipeIsSentAgain() throws Exception {
        SimulatedEasClient phone = phone(ClientProfile.ANDROID_EAS_12, "bob@example.test", "OLDWIPE1").setUp()
                .failingWipes(1);
        String id = eas("OLDWIPE1").get("id").asText();
        String request = submit("wipe", id);
        await(() -> "sent".equals(state(request, id)) || "pending".equals(state(request, id)));

        phone.folderSync();

        assertThat(phone.exchanges()).extracting(SimulatedEasClient.Exchanged::status).contains(449);
        assertThat(phone.exchanges().stream().filter(e -> e.command().equals("Provision")).count())
                .as("directive, failed ack (directive again), good ack").isGreaterThanOrEqualTo(3);
        assertThat(phone.wiped()).isEqualTo(SimulatedEasClient.Wiped.FULL);
        await(() -> "succeeded".equals(state(request, id)));
    }

    @Test
    void retireIsAnAccountOnlyWipeOn161AndNotSupportedBelowAsAreLockAndPasscodeReset() throws Exception {
        SimulatedEasClient outlook = phone(ClientProfile.OUTLOOK_ANDROID, "jane@example.test", "OUTLRETIRE1").setUp();
        phone(ClientProfile.SAMSUNG_EMAIL, "bob@example.test", "SEC0RETIRE1").setUp();
        String outlookId = eas("OUTLRETIRE1").get("id").asText();
        String samsungId = eas("SEC0RETIRE1").get("id").asText();

        String retire = submit("retire", outlookId, samsungId);
        assertThat(state(retire, samsungId)).isEqualTo("notSupported");
        assertThat(detail(retire, samsungId)).contains("16.1");
        outlook.folderSync();
        assertThat(outlook.wiped()).isEqualTo(SimulatedEasClient.Wiped.ACCOUNT_ONLY);
        await(() -> "succeeded".equals(state(retire, outlookId)));

        String lock = submit("remoteLock", samsungId);
        assertThat(state(lock, samsungId)).isEqualTo("notSupported");
        assertThat(detail(lock, samsungId)).contains("no lock command");
        String reset = submit("resetPasscode", samsungId);
        assertThat(detail(reset, samsungId)).contains("cannot set a passcode");
        JsonNode caps = device(samsungId).get("capabilities");
        assertThat(caps.toString()).contains("Exchange ActiveSync has no lock command");
    }

    @Test
    void malformedRequestsAre400AndReachNothing() throws Exception {
        int before = exchange.exchanges().size();
        assertThat(post("Cmd=Sync&User=x&DeviceType=iPhone", Map.of("MS-ASProtocolVersion", "14.1"), new byte[0]))
                .isEqualTo(400);
        assertThat(post("not*base64", Map.of(), new byte[0])).isEqualTo(400);
        byte[] garbage = {0x03, 0x01, 0x6A, 0x00, 0x00, 0x63, 0x45};
        assertThat(post("Cmd=Provision&User=x&DeviceId=BAD1&DeviceType=iPhone",
                Map.of("MS-ASProtocolVersion", "14.1", "Authorization", "Basic eDp5"), garbage)).isEqualTo(400);
        assertThat(exchange.exchanges()).hasSize(before);
        HttpResponse<Void> options = http.send(HttpRequest.newBuilder(gateway).method("OPTIONS",
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(options.headers().firstValue("MS-ASProtocolVersions")).contains(ExchangeStandIn.VERSIONS);
    }

    private int post(String query, Map<String, String> headers, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway + "?" + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int setAccess(String deviceId, String access) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(gateway.resolve("/api/v1/devices/" + deviceId
                        + "/eas-access").toString())).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"access\":\"" + access + "\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private String userId(String upn) throws Exception {
        return JSON.readTree(api.ok(api.get("/api/v1/users?search=" + upn))).at("/items/0/id").asText();
    }

    /** The device with this EAS DeviceId in All Exchange ActiveSync Managed Devices, or null. */
    private JsonNode eas(String easDeviceId) throws Exception {
        for (JsonNode d : JSON.readTree(api.ok(api.get("/api/v1/devices?group=all-eas-managed-devices&limit=500")))
                .get("items")) {
            if (easDeviceId.equals(d.path("externalId").asText())) {
                return d;
            }
        }
        return null;
    }

    private JsonNode device(String id) throws Exception {
        return JSON.readTree(api.ok(api.get("/api/v1/devices/" + id)));
    }

    private String submit(String action, String... ids) throws Exception {
        return JSON.readTree(api.ok(api.post("/api/v1/actions", Map.of("action", action, "target",
                Map.of("ids", List.of(ids)))))).get("id").asText();
    }

    private JsonNode command(String request, String deviceId) {
        try {
            for (JsonNode c : JSON.readTree(api.ok(api.get("/api/v1/actions/" + request + "/commands"))).get("items")) {
                if (c.get("deviceId").asText().equals(deviceId)) {
                    return c;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no command for " + deviceId);
    }

    private String state(String request, String deviceId) {
        return command(request, deviceId).get("state").asText();
    }

    private String detail(String request, String deviceId) {
        return command(request, deviceId).path("detail").asText();
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(50);
        }
    }
}
