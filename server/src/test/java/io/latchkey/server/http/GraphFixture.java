package io.latchkey.server.http;

import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.SecretKeyFile;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real Latchkey (embedded H2 in a temporary directory, any free port) for the Graph API
 * tests, with an inventory imported through the native API and, for devices whose channel is
 * still being built, a stand-in that plays the channel's part through the real
 * {@link CommandOutbox} (hand over, then succeed with a secret), so a result reaches the store
 * by the path a channel takes.
 */
final class GraphFixture implements AutoCloseable {
    static final String TOKEN = "lk_graph-test-token-0123456789abcdef";

    final App app;
    final TestClient api;
    final int port;
    final CommandOutbox channel;

    GraphFixture(Path dataDir) {
        this(dataDir, Map.of());
    }

    /** With further settings, e.g. a small request size limit. */
    GraphFixture(Path dataDir, Map<Option, String> extra) {
        Map<Option, String> options = new java.util.EnumMap<>(Option.class);
        options.putAll(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1", Option.DATA_DIR, dataDir.toString(),
                Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN));
        // Graph's wipe/retire paths are tested as such; with approval on they answer approvalRequired
        // (ApprovalEndToEndTest shows that).
        options.put(Option.APPROVAL_ENABLED, "false");
        options.putAll(extra);
        Settings settings = SettingsLoader.load(options, null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        port = app.serve();
        api = new TestClient(port, TOKEN);
        var storage = app.storage();
        channel = new CommandOutbox(storage.queue(), storage.transitions(),
                new AesGcmSealer(SecretKeyFile.loadOrCreate(dataDir).key()), app.clock());
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Imports {@code n} devices named {@code prefix-00000…}, owned by {@code owner.<prefix>@example.com}. */
    void devices(String prefix, int n, String platform, String osVersion, Map<String, String> extra) {
        String upn = "owner." + prefix + "@example.com";
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, String> d = new LinkedHashMap<>();
            d.put("name", prefix + "-" + String.format("%05d", i));
            d.put("platform", platform);
            d.put("osVersion", osVersion);
            d.put("model", "Model " + (i % 3));
            d.put("serialNumber", "SN-" + prefix + "-" + i);
            d.put("channel", "mdm");
            d.put("ownership", i % 2 == 0 ? "company" : "personal");
            d.put("enrollingUser", upn);
            d.put("enrolledAt", java.time.Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * i).toString());
            d.putAll(extra);
            rows.add(d);
        }
        TestClient.Response r = api.post("/api/v1/import", Map.of(
                "users", List.of(Map.of("userPrincipalName", upn, "displayName", "Owner " + prefix)),
                "devices", rows));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
    }

    /** The ids of the devices whose name starts with the prefix, through the native API. */
    List<String> ids(String prefix) {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            var page = api.get("/api/v1/devices?limit=1000&search=" + prefix + (cursor == null ? ""
                    : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8))).json();
            page.get("items").forEach(d -> ids.add(d.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
        } while (cursor != null);
        return ids;
    }

    /** The device's commands through the native API's request list (newest request first). */
    List<com.fasterxml.jackson.databind.JsonNode> commands(String deviceId) {
        List<com.fasterxml.jackson.databind.JsonNode> out = new ArrayList<>();
        for (var r : api.get("/api/v1/actions?limit=1000").json().get("items")) {
            for (var c : api.get("/api/v1/actions/" + r.get("id").asText() + "/commands?limit=1000").json()
                    .get("items")) {
                if (c.get("deviceId").asText().equals(deviceId)) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    @Override
    public void close() {
        app.close();
    }
}
