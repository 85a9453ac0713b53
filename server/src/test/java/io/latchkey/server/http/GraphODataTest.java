package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OData query options on the Graph surface over HTTP: what each option selects and orders, that
 * what is not supported is a 400 in Graph's error shape (never ignored, never a 5xx), keyset
 * nextLinks under inserts, and the 401 / 404 / 405 answers (429: GraphThrottleTest in the api module).
 */
class GraphODataTest {
    @TempDir
    static Path dataDir;
    static GraphFixture server;
    static TestClient api;

    @BeforeAll
    static void start() {
        server = new GraphFixture(dataDir);
        api = server.api;
        server.devices("win", 30, "Windows", "10.0.19045", Map.of());
        server.devices("win11", 20, "Windows", "10.0.22631.2861", Map.of());
        server.devices("phone", 5, "Windows Mobile", "10.0.15254", Map.of());
        server.devices("old", 4, "Windows", "6.3", Map.of());
        server.devices("mac", 6, "macOS", "14.4", Map.of("lastCheckInAt", "2026-03-01T00:00:00Z"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static JsonNode list(String query) {
        TestClient.Response r = api.get("/v1.0/deviceManagement/managedDevices?" + query);
        assertThat(r.status()).as(query + " → " + r.body()).isEqualTo(200);
        return r.json();
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<String> names(JsonNode page) {
        return page.get("value").findValuesAsText("deviceName");
    }

    @Test
    void versions_compare_as_versions_and_dates_as_dates() {
        assertThat(names(list("$filter=" + q("osVersion ge '10.0.22000' and operatingSystem eq 'Windows'"))))
                .hasSize(20).allMatch(n -> n.startsWith("win11-"));
        assertThat(names(list("$filter=" + q("osVersion lt '10.0' and operatingSystem eq 'windows'"))))
                .hasSize(4).allMatch(n -> n.startsWith("old-"));
        assertThat(names(list("$filter=" + q("lastSyncDateTime gt 2026-02-01T00:00:00Z")))).hasSize(6);
        assertThat(names(list("$filter=" + q("startswith(deviceName,'win-') and enrolledDateTime lt "
                + Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * 10))))).hasSize(10);
    }

    @Test
    void in_not_or_ne_and_null_select_what_they_mean() {
        assertThat(names(list("$filter=" + q("operatingSystem in ('macOS', 'Android')")))).hasSize(6);
        assertThat(names(list("$filter=" + q("not (operatingSystem eq 'Windows') or startswith(deviceName,'old')"))))
                .hasSize(10);
        assertThat(names(list("$filter=" + q("operatingSystem ne 'Windows'")))).hasSize(6);
        assertThat(names(list("$filter=" + q("lastSyncDateTime eq null and startswith(deviceName, 'phone')"))))
                .hasSize(5);
        assertThat(names(list("$filter=" + q("managedDeviceOwnerType eq 'personal' and startswith(deviceName,'mac')"))))
                .containsExactlyInAnyOrder("mac-00001", "mac-00003", "mac-00005");
        assertThat(names(list("$filter=" + q("userPrincipalName eq 'OWNER.MAC@example.com'")))).hasSize(6);
    }

    @Test
    void orderby_count_skip_and_select() {
        JsonNode page = list("$filter=" + q("startswith(deviceName,'mac')") + "&$orderby=" + q("deviceName desc")
                + "&$count=true&$top=2&$skip=1&$select=id,deviceName");
        assertThat(page.get("@odata.count").asLong()).isEqualTo(6);
        assertThat(names(page)).containsExactly("mac-00004", "mac-00003");
        assertThat(page.get("value").get(0).has("osVersion")).isFalse();
        String next = page.get("@odata.nextLink").asText();
        assertThat(next).startsWith(server.base() + "/v1.0/deviceManagement/managedDevices?").doesNotContain("$skip=");
        JsonNode second = api.get(next.substring(server.base().length())).json();
        assertThat(names(second)).containsExactly("mac-00002", "mac-00001");
    }

    @Test
    void next_links_are_keyset_so_devices_added_between_pages_shift_nothing() {
        server.devices("ks", 30, "Windows", "10.0.19045", Map.of());
        JsonNode first = list("$filter=" + q("startswith(deviceName,'ks')") + "&$top=10&$orderby=deviceName");
        List<String> firstPage = names(first);
        String next = first.get("@odata.nextLink").asText();
        server.devices("ks-", 7, "Windows", "10.0.19045", Map.of()); // "ks--0000x" sorts before "ks-0000x"
        server.devices("ksz", 5, "Windows", "10.0.19045", Map.of()); // and "ksz-…" after the last
        Set<String> rest = new HashSet<>();
        while (next != null) {
            JsonNode page = api.get(next.substring(server.base().length())).json();
            page.get("value").forEach(d -> assertThat(rest.add(d.get("deviceName").asText())).isTrue());
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText() : null;
        }
        assertThat(rest).doesNotContainAnyElementsOf(firstPage).hasSize(25)
                .noneMatch(n -> n.startsWith("ks--")).anyMatch(n -> n.startsWith("ksz-"));
    }

    @Test
    void unsupported_options_properties_and_operators_are_400_in_graph_shape() {
        for (String query : List.of("$expand=users", "$search=" + q("\"x\""), "$top=1001", "$top=0", "$skip=-1",
                "$filter=" + q("complianceState eq 'compliant'"), "$filter=" + q("deviceName gt 'a'"),
                "$filter=" + q("contains(deviceName,'a')"), "$filter=" + q("managementAgent eq 'nonsense'"),
                "$select=deviceName,nonsense", "$orderby=osVersion", "$orderby=" + q("deviceName, osVersion"),
                "$count=maybe", "$apply=x", "$filter=" + q("deviceName eq 'a'") + "&$filter=" + q("deviceName eq 'b'"),
                "$skiptoken=not-a-cursor")) {
            TestClient.Response r = api.get("/v1.0/deviceManagement/managedDevices?" + query);
            assertThat(r.status()).as(query + " → " + r.body()).isEqualTo(400);
            JsonNode error = r.json().get("error");
            assertThat(error.get("code").asText()).isEqualTo("invalidRequest");
            assertThat(error.get("message").asText()).isNotBlank();
            assertThat(error.at("/innerError/request-id").asText())
                    .isEqualTo(r.raw().headers().firstValue("request-id").orElseThrow());
            assertThat(error.at("/innerError/date").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
        }
    }

    @Test
    void random_filters_never_answer_5xx() {
        Random random = new Random(6);
        List<String> words = List.of("deviceName", "osVersion", "operatingSystem", "lastSyncDateTime", "id", "eq",
                "ne", "gt", "le", "in", "and", "or", "not", "startswith", "(", ")", ",", "'x'", "'10.0'", "''",
                "2026-01-01T00:00:00Z", "null", "true", "42", UUID.randomUUID().toString(), "'", "$", "%");
        for (int i = 0; i < 300; i++) {
            StringBuilder f = new StringBuilder();
            for (int n = random.nextInt(9); n >= 0; n--) {
                f.append(words.get(random.nextInt(words.size()))).append(random.nextBoolean() ? " " : "");
            }
            TestClient.Response r = api.get("/beta/deviceManagement/managedDevices?$filter=" + q(f.toString()));
            assertThat(r.status()).as(f + " → " + r.body()).isIn(200, 400);
        }
    }

    @Test
    void version_segment_case_key_syntax_and_unknown_paths() {
        String id = server.ids("mac-").getFirst();
        assertThat(api.get("/V1.0/deviceManagement/managedDevices('" + id + "')").status()).isEqualTo(200);
        assertThat(api.get("/BETA/DeviceManagement/ManagedDevices/" + id).status()).isEqualTo(200);
        TestClient.Response unknown = api.get("/v1.0/deviceManagement/nothingHere");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.json().at("/error/message").asText()).contains("nothingHere");
        assertThat(api.delete("/v1.0/users", Map.of()).status()).isEqualTo(405);
        assertThat(api.post("/v1.0/deviceManagement/managedDevices/" + id + "/enableLostMode", Map.of()).status())
                .as("beta only").isEqualTo(400);
        assertThat(api.get("/v1.0/deviceManagement/managedDevices/" + UUID.randomUUID()).json().at("/error/code")
                .asText()).isEqualTo("itemNotFound");
    }

    @Test
    void no_token_or_a_wrong_token_is_401_in_graph_shape() {
        for (String token : new String[]{null, "lk_not-a-real-token"}) {
            TestClient.Response r = api.withToken(token).get("/v1.0/deviceManagement/managedDevices");
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().at("/error/code").asText()).isEqualTo("unauthenticated");
            assertThat(r.raw().headers().firstValue("WWW-Authenticate")).isPresent();
            assertThat(r.raw().headers().firstValue("request-id")).isPresent();
        }
    }
}
