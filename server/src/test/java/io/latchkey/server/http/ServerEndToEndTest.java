package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real server (embedded H2 in a temporary directory, any free port) driven over HTTP. Tests
 * share the server; each one imports its own devices under its own name prefix and selects them
 * with {@code search}, so they do not depend on one another.
 */
class ServerEndToEndTest {
    private static final String TOKEN = "lk_test-token-0123456789abcdef";

    @TempDir
    static Path dataDir;
    static App app;
    static TestClient api;

    @BeforeAll
    static void start() {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN,
                // wipe/retire are queued at once here; multi-admin approval has ApprovalEndToEndTest
                Option.APPROVAL_ENABLED, "false"), null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        api = new TestClient(app.serve(), TOKEN);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void health_readiness_and_version_answer_without_a_token() {
        TestClient anonymous = api.withToken(null);
        assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
        assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
        assertThat(anonymous.get("/version").json().get("version").asText()).isNotBlank();
    }

    @Test
    void the_api_needs_an_administrator_token() {
        TestClient.Response none = api.withToken(null).get("/api/v1/devices");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.json().at("/error/code").asText()).isEqualTo("unauthorized");

        TestClient.Response wrong = api.withToken("lk_not-a-real-token").get("/api/v1/devices");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.raw().headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).contains("invalid_token"));
    }

    @Test
    void device_list_pages_with_a_cursor_without_gaps_or_duplicates() {
        importDevices("page", 150);

        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = api.get("/api/v1/devices?search=page-&limit=60"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8))).json();
            page.get("items").forEach(d -> assertThat(seen.add(d.get("id").asText())).isTrue());
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(seen).hasSize(150);
        assertThat(pages).isEqualTo(3);
        assertThat(api.get("/api/v1/devices?limit=1001").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/devices?sort=size").json().at("/error/message").asText()).contains("sort");
        assertThat(api.get("/api/v1/devices?platform=amiga").status()).isEqualTo(400);
    }

    @Test
    void import_with_row_errors_answers_422_with_every_error_and_stores_nothing() {
        Map<String, Object> body = Map.of(
                "users", List.of(Map.of("userPrincipalName", "not-an-upn", "displayName", "Bad")),
                "devices", List.of(device("bad-1", "user.bad@example.com"),
                        Map.of("name", "bad-2", "platform", "Amiga", "osVersion", "1.0", "channel", "mdm",
                                "ownership", "company", "enrollingUser", "nobody@example.com")));

        TestClient.Response r = api.post("/api/v1/import", body);

        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("import_rejected");
        JsonNode details = r.json().at("/error/details");
        assertThat(details.size()).isGreaterThanOrEqualTo(3);
        assertThat(details.findValuesAsText("field")).contains("userPrincipalName", "platform");
        assertThat(api.get("/api/v1/devices?search=bad-").json().get("items")).isEmpty();
    }

    @Test
    void import_accepts_json_and_csv() {
        TestClient.Response csv = api.postCsv("/api/v1/import?section=users",
                "userPrincipalName,displayName\ncsv.one@example.com,CSV One\ncsv.two@example.com,\"Two, CSV\"\n");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.json().get("users").asInt()).isEqualTo(2);

        TestClient.Response noSection = api.postCsv("/api/v1/import", "userPrincipalName\nx@example.com\n");
        assertThat(noSection.status()).isEqualTo(400);

        importDevices("json", 3);
        assertThat(api.get("/api/v1/devices?search=json-").json().get("items")).hasSize(3);

        // Well over Javalin's 1 MB default body limit: a real inventory is bigger than that.
        StringBuilder big = new StringBuilder("userPrincipalName,displayName\n");
        for (int i = 0; i < 20_000; i++) {
            big.append("bulk.").append(i).append("@example.com,Bulk user number ").append(i).append(" of the import\n");
        }
        assertThat(big.length()).isGreaterThan(1_100_000);
        TestClient.Response bulk = api.postCsv("/api/v1/import?section=users", big.toString());
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
        assertThat(bulk.json().get("users").asInt()).isEqualTo(20_000);
    }

    @Test
    void device_detail_shows_the_matrix_decision_per_action() {
        importDevices("detail", 1);
        String id = api.get("/api/v1/devices?search=detail-").json().at("/items/0/id").asText();

        JsonNode device = api.get("/api/v1/devices/" + id).json();

        assertThat(device.get("matrixRow").asText()).isEqualTo("iOS / iPadOS (MDM)");
        assertThat(device.get("capabilities")).hasSize(7);
        assertThat(device.at("/capabilities/1/action").asText()).isEqualTo("resetPasscode");
        assertThat(device.at("/capabilities/1/supported").asBoolean()).isTrue();
        assertThat(api.get("/api/v1/devices/not-a-uuid").status()).isEqualTo(400);
        assertThat(api.get("/api/v1/devices/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    @Test
    void submit_is_idempotent_per_key_and_refuses_the_key_for_another_request() {
        importDevices("idem", 4);
        Map<String, Object> lock = Map.of("action", "remoteLock", "target", Map.of("search", "idem-"),
                "options", Map.of("message", "Call IT"));

        TestClient.Response first = api.post("/api/v1/actions", lock, Map.of("Idempotency-Key", "idem-1"));
        TestClient.Response replay = api.post("/api/v1/actions", lock, Map.of("Idempotency-Key", "idem-1"));
        TestClient.Response other = api.post("/api/v1/actions", Map.of("action", "wipe",
                "target", Map.of("search", "idem-")), Map.of("Idempotency-Key", "idem-1"));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.json().get("deviceCount").asInt()).isEqualTo(4);
        assertThat(replay.status()).isEqualTo(200);
        assertThat(replay.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.json().at("/error/code").asText()).isEqualTo("conflict");
    }

    @Test
    void bad_bodies_are_400_with_a_message_never_a_stack_trace() {
        TestClient.Response malformed = api.post("/api/v1/actions", "{\"action\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().at("/error/code").asText()).isEqualTo("malformed_json");
        assertThat(malformed.body()).doesNotContain("Exception", "\tat ");

        assertThat(api.post("/api/v1/actions", Map.of("action", "explode", "target", Map.of("search", "x")))
                .json().at("/error/message").asText()).contains("unknown action");
        assertThat(api.post("/api/v1/actions", Map.of("action", "wipe", "target", Map.of())).status())
                .isEqualTo(400);
        assertThat(api.post("/api/v1/actions", Map.of("action", "wipe",
                "target", Map.of("ids", List.of("nope")))).json().at("/error/message").asText()).contains("UUID");
        assertThat(api.post("/api/v1/actions", Map.of("action", "remoteLock",
                "target", Map.of("search", "x"), "options", Map.of("colour", "red"))).status()).isEqualTo(400);
    }

    @Test
    void preview_counts_what_would_be_skipped_and_why() {
        importDevices("prev", 2);
        TestClient.Response r = api.post("/api/v1/actions/preview",
                Map.of("action", "resetPasscode", "target", Map.of("search", "prev-")));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("selected").asInt()).isEqualTo(2);
        assertThat(r.json().get("supported").asInt()).isEqualTo(1);
        assertThat(r.json().at("/skipped/0/reason").asText()).contains("UnlockToken");

        // It refuses what a submission would refuse, instead of previewing it as fine.
        TestClient.Response badOption = api.post("/api/v1/actions/preview", Map.of("action", "remoteLock",
                "target", Map.of("search", "prev-"), "options", Map.of("colour", "red")));
        assertThat(badOption.status()).isEqualTo(400);
        assertThat(badOption.json().at("/error/message").asText()).contains("unknown option 'colour'");
        TestClient.Response badTtl = api.post("/api/v1/actions/preview", Map.of("action", "remoteLock",
                "target", Map.of("search", "prev-"), "ttlSeconds", 5));
        assertThat(badTtl.status()).isEqualTo(400);
    }

    @Test
    void progress_commands_cancel_and_command_history() {
        importDevices("cancel", 5);
        JsonNode request = api.post("/api/v1/actions", Map.of("action", "remoteLock",
                "target", Map.of("search", "cancel-"))).json();
        String id = request.get("id").asText();

        JsonNode detail = api.get("/api/v1/actions/" + id).json();
        assertThat(detail.at("/progress/pending").asInt()).isEqualTo(5);
        JsonNode page = api.get("/api/v1/actions/" + id + "/commands?state=pending&limit=2").json();
        assertThat(page.get("items")).hasSize(2);
        assertThat(page.get("nextCursor").isNull()).isFalse();
        assertThat(page.at("/items/0/deviceName").asText()).startsWith("cancel-");

        JsonNode canceled = api.post("/api/v1/actions/" + id + "/cancel", Map.of()).json();
        assertThat(canceled.get("canceled").asInt()).isEqualTo(5);
        assertThat(canceled.at("/progress/canceled").asInt()).isEqualTo(5);

        String commandId = page.at("/items/0/id").asText();
        JsonNode command = api.get("/api/v1/commands/" + commandId).json();
        assertThat(command.get("state").asText()).isEqualTo("canceled");
        assertThat(command.get("events").findValuesAsText("to")).contains("canceled");

        TestClient.Response secret = api.post("/api/v1/commands/" + commandId + "/secret", Map.of());
        assertThat(secret.status()).isEqualTo(410);
        assertThat(api.get("/api/v1/actions/" + java.util.UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/actions?limit=5").json().get("items").size()).isPositive();

        JsonNode audit = api.get("/api/v1/audit?limit=1000").json();
        assertThat(audit.get("items").findValuesAsText("action"))
                .contains("action.submit", "action.cancel", "inventory.import");
    }

    @Test
    void groups_can_be_created_and_filled_and_filter_the_device_list() {
        importDevices("grp", 3);
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/devices?search=grp-").json().get("items").forEach(d -> ids.add(d.get("id").asText()));

        TestClient.Response created = api.post("/api/v1/groups", Map.of("name", "Lyon"));
        assertThat(created.status()).isEqualTo(201);
        String groupId = created.json().get("id").asText();
        assertThat(api.post("/api/v1/groups/" + groupId + "/members", Map.of("deviceIds", ids))
                .json().get("added").asInt()).isEqualTo(3);
        assertThat(api.delete("/api/v1/groups/" + groupId + "/members", Map.of("deviceIds", ids.subList(0, 1)))
                .json().get("removed").asInt()).isEqualTo(1);

        assertThat(api.get("/api/v1/devices?group=" + groupId).json().get("items")).hasSize(2);
        JsonNode groups = api.get("/api/v1/groups").json();
        assertThat(groups.at("/builtIn/0/id").asText()).isEqualTo("all-devices");
        assertThat(groups.get("groups").findValuesAsText("name")).contains("Lyon");
        assertThat(api.post("/api/v1/groups", Map.of("name", "Lyon")).status()).isEqualTo(409);
    }

    @Test
    void users_and_their_devices() {
        importDevices("usr", 2);
        JsonNode users = api.get("/api/v1/users?search=owner.usr").json();
        String userId = users.at("/items/0/id").asText();
        assertThat(api.get("/api/v1/users/" + userId).json().get("userPrincipalName").asText())
                .isEqualTo("owner.usr@example.com");
        assertThat(api.get("/api/v1/users/" + userId + "/devices").json().get("items")).hasSize(2);
    }

    @Test
    void the_matrix_is_served_as_data() {
        JsonNode matrix = api.get("/api/v1/matrix").json();
        assertThat(matrix.get("actions")).hasSize(7);
        assertThat(matrix.get("rows")).hasSize(11);
        assertThat(matrix.at("/rows/8/cells/remoteLock/kind").asText()).isEqualTo("conditional");
    }

    @Test
    void metrics_expose_jvm_pool_http_and_domain_meters() {
        api.get("/api/v1/matrix");
        String metrics = api.withToken(null).get("/metrics").body();
        assertThat(metrics).contains("latchkey_commands{state=\"pending\"}", "latchkey_queue_depth",
                "http_server_requests_seconds_count", "jvm_memory_used_bytes", "hikaricp_connections",
                "latchkey_checkin_cache_devices", "latchkey_checkin_cache_answers_total");
    }

    /** Imports {@code n} devices named {@code prefix-i}; the first is an iPhone with an UnlockToken. */
    private static void importDevices(String prefix, int n) {
        String upn = "owner." + prefix + "@example.com";
        List<Map<String, String>> devices = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> d = device(prefix + "-" + String.format("%03d", i), upn);
            if (i > 0) {
                d.put("unlockTokenEscrowed", "false");
            }
            devices.add(d);
        }
        TestClient.Response r = api.post("/api/v1/import", Map.of(
                "users", List.of(Map.of("userPrincipalName", upn, "displayName", "Owner " + prefix)),
                "devices", devices));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("devices").asInt()).isEqualTo(n);
    }

    private static Map<String, String> device(String name, String upn) {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("name", name);
        d.put("platform", "iOS");
        d.put("osVersion", "17.4.1");
        d.put("model", "iPhone 15");
        d.put("serialNumber", "SN-" + name);
        d.put("channel", "mdm");
        d.put("ownership", "company");
        d.put("enrollingUser", upn);
        d.put("currentUser", upn);
        d.put("unlockTokenEscrowed", "true");
        return d;
    }
}
