package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import io.latchkey.core.inventory.Device;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The device actions' less travelled paths, through the official SDKs where they have the call
 * (beta enableLostMode, wipe's Mac and Windows parameters, remoteActionAudits) and as raw HTTP in
 * Graph's shape where they do not (v1.0 has no enableLostMode; the SDK's bulk-action enum has no
 * remoteLock or resetPasscode).
 */
class GraphActionsTest {
    @TempDir
    static Path dataDir;
    static GraphFixture server;
    static GraphServiceClient graph;
    static com.microsoft.graph.beta.serviceclient.GraphServiceClient beta;

    @BeforeAll
    static void start() {
        server = new GraphFixture(dataDir);
        graph = new GraphServiceClient(new BaseGraphRequestAdapter(GraphSdkTest.auth(GraphFixture.TOKEN),
                server.base() + "/v1.0"));
        beta = new com.microsoft.graph.beta.serviceclient.GraphServiceClient(
                new BaseGraphRequestAdapter(GraphSdkTest.auth(GraphFixture.TOKEN), server.base() + "/beta"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void lost_mode_on_a_supervised_iphone_through_the_beta_sdk_refused_when_unsupervised_absent_from_v1() {
        server.devices("lost", 2, "iOS", "17.4.1", Map.of());
        List<String> ids = server.ids("lost-");
        // What the Apple channel records when the iPhone's DeviceInformation says IsSupervised.
        Device supervised = server.app.storage().devices().find(UUID.fromString(ids.get(0))).orElseThrow();
        server.app.storage().devices().save(supervised.withState(supervised.state().withSupervised(true)));

        var lost = new com.microsoft.graph.beta.devicemanagement.manageddevices.item.enablelostmode
                .EnableLostModePostRequestBody();
        lost.setMessage("This iPhone was lost. Please call us.");
        lost.setPhoneNumber("+1 555 0100");
        lost.setFooter("Contoso IT");
        beta.deviceManagement().managedDevices().byManagedDeviceId(ids.get(0)).enableLostMode().post(lost);
        beta.deviceManagement().managedDevices().byManagedDeviceId(ids.get(0)).disableLostMode().post();

        List<JsonNode> commands = server.commands(ids.get(0));
        assertThat(commands).extracting(c -> c.get("action").asText())
                .containsExactly("disableLostMode", "enableLostMode");
        assertThat(commands).extracting(c -> c.get("state").asText()).containsOnly("pending");
        JsonNode options = commands.get(1).get("options");
        assertThat(options.get("message").asText()).isEqualTo("This iPhone was lost. Please call us.");
        assertThat(options.get("phoneNumber").asText()).isEqualTo("+1 555 0100");
        assertThat(options.get("footer").asText()).isEqualTo("Contoso IT");

        // A new body: the SDK's backing store sends only the changes of a body it already sent.
        var again = new com.microsoft.graph.beta.devicemanagement.manageddevices.item.enablelostmode
                .EnableLostModePostRequestBody();
        again.setMessage("This iPhone was lost.");
        assertThatThrownBy(() -> beta.deviceManagement().managedDevices().byManagedDeviceId(ids.get(1))
                .enableLostMode().post(again))
                .isInstanceOfSatisfying(com.microsoft.graph.beta.models.odataerrors.ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("notSupported");
                    assertThat(e.getError().getMessage()).contains("supervised");
                });
        assertThat(server.commands(ids.get(1))).singleElement()
                .satisfies(c -> assertThat(c.get("state").asText()).isEqualTo("notSupported"));

        TestClient.Response v1 = server.api.post("/v1.0/deviceManagement/managedDevices/" + ids.get(0)
                + "/enableLostMode", Map.of("message", "lost"));
        assertThat(v1.status()).as(v1.body()).isEqualTo(400);
        assertThat(v1.json().at("/error/code").asText()).isEqualTo("invalidRequest");
        assertThat(v1.json().at("/error/message").asText()).contains("enableLostMode");
    }

    @Test
    void wipe_a_mac_with_an_unlock_code_is_refused_clearly_and_a_windows_pc_takes_beta_protected_wipe() {
        server.devices("wipemac", 1, "macOS", "14.4", Map.of());
        server.devices("wipepc", 1, "Windows", "10.0.22631", Map.of());
        String mac = server.ids("wipemac-").getFirst();
        String pc = server.ids("wipepc-").getFirst();

        var withCode = new com.microsoft.graph.devicemanagement.manageddevices.item.wipe.WipePostRequestBody();
        withCode.setMacOsUnlockCode("123456");
        assertThatThrownBy(() -> graph.deviceManagement().managedDevices().byManagedDeviceId(mac).wipe()
                .post(withCode))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("invalidRequest");
                    // The PIN would be stored and shown in clear as an option; Latchkey makes it and seals it.
                    assertThat(e.getError().getMessage()).contains("macOsUnlockCode").contains("6-digit PIN");
                });
        assertThat(server.commands(mac)).as("nothing stored").isEmpty();
        var plain = new com.microsoft.graph.devicemanagement.manageddevices.item.wipe.WipePostRequestBody();
        plain.setKeepUserData(false);
        graph.deviceManagement().managedDevices().byManagedDeviceId(mac).wipe().post(plain);
        assertThat(server.commands(mac)).singleElement().satisfies(c -> {
            assertThat(c.get("action").asText()).isEqualTo("wipe");
            assertThat(c.get("state").asText()).isEqualTo("pending");
        });

        var protectedWipe = new com.microsoft.graph.beta.devicemanagement.manageddevices.item.wipe.WipePostRequestBody();
        protectedWipe.setUseProtectedWipe(true);
        protectedWipe.setKeepEnrollmentData(false);
        beta.deviceManagement().managedDevices().byManagedDeviceId(pc).wipe().post(protectedWipe);
        assertThat(server.commands(pc)).singleElement().satisfies(c -> {
            assertThat(c.get("options").get("useProtectedWipe").asText()).isEqualTo("true");
            assertThat(c.get("options").get("keepEnrollmentData").asText()).isEqualTo("false");
        });

        TestClient.Response v1 = server.api.post("/v1.0/deviceManagement/managedDevices/" + pc + "/wipe",
                Map.of("useProtectedWipe", true));
        assertThat(v1.status()).as(v1.body()).isEqualTo(400);
        assertThat(v1.json().at("/error/message").asText()).contains("'useProtectedWipe' is not a parameter of wipe");
    }

    @Test
    void execute_action_remote_lock_and_reset_passcode_over_a_mixed_selection() {
        server.devices("mixdroid", 3, "Android", "14", Map.of("androidMode", "fullyManaged"));
        server.devices("mixmac", 2, "macOS", "14.4", Map.of());
        List<String> droids = server.ids("mixdroid-");
        List<String> macs = server.ids("mixmac-");
        String unknown = UUID.randomUUID().toString();
        List<String> ids = new java.util.ArrayList<>(droids);
        ids.addAll(macs);
        ids.add(unknown);
        ids.add("not-a-device-id");
        ids.add(droids.getFirst()); // named twice: still one device, one command

        JsonNode lock = execute("remoteLock", ids);
        assertThat(strings(lock.get("successfulDeviceIds"))).containsExactlyInAnyOrderElementsOf(
                concat(droids, macs));
        assertThat(strings(lock.get("notFoundDeviceIds"))).containsExactlyInAnyOrder(unknown, "not-a-device-id");
        assertThat(lock.get("notSupportedDeviceIds")).isEmpty();

        JsonNode reset = execute("resetPasscode", ids);
        for (JsonNode r : List.of(reset, reset.get("value"))) { // the SDKs' form and the scripts' form
            assertThat(strings(r.get("successfulDeviceIds"))).containsExactlyInAnyOrderElementsOf(droids);
            assertThat(strings(r.get("notSupportedDeviceIds"))).containsExactlyInAnyOrderElementsOf(macs);
            assertThat(strings(r.get("notFoundDeviceIds"))).containsExactlyInAnyOrder(unknown, "not-a-device-id");
            assertThat(r.get("failedDeviceIds")).isEmpty();
        }
        assertThat(server.commands(droids.getFirst())).extracting(c -> c.get("action").asText())
                .containsExactly("resetPasscode", "remoteLock");
        assertThat(server.commands(macs.getFirst())).extracting(c -> c.get("state").asText())
                .containsExactly("notSupported", "pending");
    }

    @Test
    void a_refused_action_writes_its_audit_entry_and_shows_in_remote_action_audits() {
        server.devices("refusedmac", 1, "macOS", "14.4", Map.of());
        String mac = server.ids("refusedmac-").getFirst();

        assertThatThrownBy(() -> graph.deviceManagement().managedDevices().byManagedDeviceId(mac).resetPasscode()
                .post()).isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode())
                .isEqualTo(400));

        String request = server.commands(mac).getFirst().get("requestId").asText();
        JsonNode audit = server.api.get("/api/v1/audit?limit=100").json().get("items");
        assertThat(audit).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("action.submit");
            assertThat(e.get("target").asText()).isEqualTo(request);
            assertThat(e.get("actor").asText()).isEqualTo("admin");
            assertThat(e.get("detail").asText()).isEqualTo("resetPasscode for 1 device(s), 1 not supported");
        });
        var audits = beta.deviceManagement().remoteActionAudits().get(rc -> rc.queryParameters.top = 1000);
        assertThat(audits.getValue()).anySatisfy(a -> {
            assertThat(a.getManagedDeviceId()).isEqualTo(mac);
            assertThat(a.getActionState()).hasToString("NotSupported");
            assertThat(a.getAction()).hasToString("ResetPasscode");
        });
    }

    @Test
    void the_client_request_id_is_echoed_in_the_header_and_in_the_error_body() {
        TestClient.Response missing = server.api.get("/v1.0/deviceManagement/managedDevices/" + UUID.randomUUID(),
                Map.of("client-request-id", "trace-7f3a"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.raw().headers().firstValue("client-request-id")).hasValue("trace-7f3a");
        JsonNode inner = missing.json().at("/error/innerError");
        assertThat(inner.get("client-request-id").asText()).isEqualTo("trace-7f3a");
        assertThat(inner.get("request-id").asText()).isEqualTo(missing.raw().headers().firstValue("request-id")
                .orElseThrow());
        assertThat(inner.get("date").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");

        TestClient.Response ok = server.api.get("/v1.0/deviceManagement/managedDevices?$top=1",
                Map.of("client-request-id", "trace-8b21"));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.raw().headers().firstValue("client-request-id")).hasValue("trace-8b21");
        TestClient.Response none = server.api.get("/v1.0/deviceManagement/managedDevices?$top=1");
        assertThat(none.raw().headers().firstValue("client-request-id"))
                .isEqualTo(none.raw().headers().firstValue("request-id"));
    }

    @Test
    void remote_action_audits_page_by_next_link_through_the_beta_sdk() {
        server.devices("auditpage", 23, "iOS", "17.4.1", Map.of());
        List<String> ids = server.ids("auditpage-");
        JsonNode bulk = execute("syncDevice", ids);
        assertThat(bulk.get("successfulDeviceIds")).hasSize(23);
        graph.deviceManagement().managedDevices().byManagedDeviceId(ids.getFirst()).remoteLock().post();

        Set<String> seen = new HashSet<>();
        Set<String> bulkDevices = new HashSet<>();
        int pages = 0;
        var page = beta.deviceManagement().remoteActionAudits().get(rc -> rc.queryParameters.top = 5);
        while (true) {
            pages++;
            assertThat(page.getValue()).hasSizeLessThanOrEqualTo(5);
            for (var a : page.getValue()) {
                assertThat(seen.add(a.getId())).as("each entry once").isTrue();
                if (ids.contains(a.getManagedDeviceId()) && a.getDeviceActionCategory().toString().equals("Bulk")) {
                    bulkDevices.add(a.getManagedDeviceId());
                    assertThat(a.getBulkDeviceActionId()).isNotBlank();
                }
            }
            if (page.getOdataNextLink() == null) {
                break;
            }
            assertThat(page.getOdataNextLink()).startsWith(server.base() + "/beta/").contains("skiptoken");
            page = beta.deviceManagement().remoteActionAudits().withUrl(page.getOdataNextLink()).get();
        }
        assertThat(bulkDevices).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(seen).hasSizeGreaterThanOrEqualTo(24);
        assertThat(pages).isGreaterThanOrEqualTo(5);
    }

    private static JsonNode execute(String action, List<String> ids) {
        TestClient.Response r = server.api.post("/beta/deviceManagement/managedDevices/executeAction",
                Map.of("actionName", action, "deviceIds", ids));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
