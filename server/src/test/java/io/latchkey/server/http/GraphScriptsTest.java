package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP requests of Microsoft's public Intune PowerShell samples (microsoftgraph/
 * powershell-intune-samples; shapes in shared/reference/graph-api.md §3), replayed byte for byte
 * with their quirks: Content-Type and ExpiresOn headers on every GET, the capital-B {@code /Beta}
 * segment, POSTs without a body, {@code managedDevices('{id}')} keys, unquoted JSON keys,
 * lower-case enum literals, and nextLinks followed verbatim.
 */
class GraphScriptsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dataDir;
    static GraphFixture server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        server = new GraphFixture(dataDir);
        server.devices("ps", 1_200, "iOS", "17.4.1", Map.of("unlockTokenEscrowed", "true"));
        server.devices("easonly", 3, "iOS", "16.1", Map.of("channel", "eas"));
        server.devices("both", 2, "iOS", "17.1", Map.of("channel", "easMdm"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(body, e);
            }
        }
    }

    /** As Get-AuthToken's headers: Content-Type and ExpiresOn on every request, GETs included. */
    static Answer send(String method, String pathOrUrl, String body) {
        String url = pathOrUrl.startsWith("http") ? pathOrUrl : server.base() + pathOrUrl;
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + GraphFixture.TOKEN)
                .header("ExpiresOn", "11/27/2026 05:10:00 +00:00")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void get_aad_user_by_upn_and_all_users_then_the_users_devices_on_beta() {
        Answer user = send("GET", "/v1.0/users/owner.ps@example.com", null);
        assertThat(user.status()).as(user.body()).isEqualTo(200);
        assertThat(user.json().get("userPrincipalName").asText()).isEqualTo("owner.ps@example.com");
        String userId = user.json().get("id").asText();

        Answer all = send("GET", "/v1.0/users", null);
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().get("value").findValuesAsText("userPrincipalName")).contains("owner.ps@example.com");

        Answer devices = send("GET", "/beta/users/" + userId + "/managedDevices", null);
        assertThat(devices.status()).isEqualTo(200);
        assertThat(devices.json().get("value")).hasSize(1000);
        assertThat(devices.json().get("@odata.nextLink").asText()).contains("/beta/users/" + userId);
    }

    @Test
    void invoke_device_action_set_remote_lock_reset_passcode_wipe_retire_with_capital_beta_and_no_bodies() {
        List<String> ids = server.ids("ps-000");
        for (String action : List.of("remoteLock", "resetPasscode", "wipe", "retire")) {
            Answer r = send("POST", "/Beta/deviceManagement/managedDevices/" + ids.get(0) + "/" + action, null);
            assertThat(r.status()).as(action + ": " + r.body()).isEqualTo(204);
            assertThat(r.body()).isEmpty();
            assertThat(r.raw().headers().firstValue("request-id")).isPresent();
        }
        Answer sync = send("POST", "/Beta/deviceManagement/managedDevices('" + ids.get(1) + "')/syncDevice", null);
        assertThat(sync.status()).as(sync.body()).isEqualTo(204);

        JsonNode results = send("GET", "/beta/deviceManagement/managedDevices/" + ids.get(0), null).json()
                .get("deviceActionResults");
        assertThat(results.findValuesAsText("actionName")).containsExactlyInAnyOrder("remoteLock", "resetPasscode",
                "wipe", "retire");
        assertThat(results.findValuesAsText("actionState")).containsOnly("pending");
    }

    @Test
    void rename_with_an_unquoted_key_and_ownership_patch_with_an_unquoted_key() {
        String id = server.ids("ps-0010").getFirst();
        Answer rename = send("POST", "/Beta/deviceManagement/managedDevices('" + id + "')/setDeviceName",
                "{ deviceName:\"NEW-NAME\" }");
        assertThat(rename.status()).as(rename.body()).isEqualTo(204);

        Answer patch = send("PATCH", "/beta/deviceManagement/managedDevices('" + id + "')", "{ ownerType:\"personal\" }");
        assertThat(patch.status()).as(patch.body()).isEqualTo(200);

        JsonNode d = send("GET", "/beta/deviceManagement/managedDevices('" + id + "')", null).json();
        assertThat(d.get("deviceName").asText()).isEqualTo("NEW-NAME");
        assertThat(d.get("ownerType").asText()).isEqualTo("personal");
        assertThat(d.get("managedDeviceOwnerType").asText()).isEqualTo("personal");
    }

    @Test
    void delete_with_the_key_in_parentheses_removes_the_record_only() {
        String id = server.ids("ps-0011").getFirst();
        Answer delete = send("DELETE", "/Beta/deviceManagement/managedDevices('" + id + "')", null);
        assertThat(delete.status()).as(delete.body()).isEqualTo(204);
        assertThat(send("GET", "/beta/deviceManagement/managedDevices/" + id, null).status()).isEqualTo(404);
        assertThat(send("DELETE", "/Beta/deviceManagement/managedDevices('" + id + "')", null).status())
                .isEqualTo(404);
    }

    @Test
    void managed_devices_get_filters_on_management_agent_with_lower_case_enum_literals() {
        Answer eas = send("GET", "/beta/deviceManagement/managedDevices?$filter=managementAgent%20eq%20'eas'", null);
        assertThat(eas.status()).as(eas.body()).isEqualTo(200);
        assertThat(eas.json().get("value").findValuesAsText("deviceName")).hasSize(3).allMatch(n -> n.startsWith("easonly"));

        Answer easMdm = send("GET", "/beta/deviceManagement/managedDevices?$filter=managementAgent%20eq%20'easmdm'", null);
        assertThat(easMdm.json().get("value").findValuesAsText("managementAgent")).containsExactly("easMdm", "easMdm");

        // The script's default: an 'and' of two eq on one property, which strict OData makes empty.
        Answer both = send("GET", "/beta/deviceManagement/managedDevices?$filter=managementAgent%20eq%20'mdm'"
                + "%20and%20managementAgent%20eq%20'easmdm'", null);
        assertThat(both.status()).isEqualTo(200);
        assertThat(both.json().get("value")).isEmpty();
    }

    @Test
    void paging_script_follows_each_next_link_verbatim_until_there_is_none() {
        Set<String> seen = new HashSet<>();
        String url = "/Beta/deviceManagement/managedDevices";
        int pages = 0;
        while (url != null) {
            Answer page = send("GET", url, null);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            page.json().get("value").forEach(d -> assertThat(seen.add(d.get("id").asText())).isTrue());
            JsonNode next = page.json().get("@odata.nextLink");
            url = next == null ? null : next.asText();
            pages++;
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(1_200);
        assertThat(pages).isEqualTo(2);
    }

    @Test
    void remote_action_audits_list_what_was_asked() {
        String id = server.ids("ps-0012").getFirst();
        send("POST", "/Beta/deviceManagement/managedDevices/" + id + "/remoteLock", null);

        Answer audits = send("GET", "/Beta/deviceManagement/remoteActionAudits", null);

        assertThat(audits.status()).as(audits.body()).isEqualTo(200);
        JsonNode first = audits.json().get("value").get(0);
        assertThat(first.get("managedDeviceId").asText()).isEqualTo(id);
        assertThat(first.get("action").asText()).isEqualTo("remoteLock");
        assertThat(first.get("initiatedByUserPrincipalName").asText()).isEqualTo("admin");
        assertThat(first.get("deviceActionCategory").asText()).isEqualTo("single");
        assertThat(first.get("actionState").asText()).isEqualTo("pending");
    }
}
