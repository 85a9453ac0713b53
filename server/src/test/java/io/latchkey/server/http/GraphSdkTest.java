package io.latchkey.server.http;

import com.microsoft.graph.core.requests.BaseGraphRequestAdapter;
import com.microsoft.graph.devicemanagement.manageddevices.item.wipe.WipePostRequestBody;
import com.microsoft.graph.models.DeviceActionResult;
import com.microsoft.graph.models.ManagedDevice;
import com.microsoft.graph.models.ManagedDeviceCollectionResponse;
import com.microsoft.graph.models.ManagedDeviceOwnerType;
import com.microsoft.graph.models.ManagementAgentType;
import com.microsoft.graph.models.ResetPasscodeActionResult;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.authentication.AccessTokenProvider;
import com.microsoft.kiota.authentication.AllowedHostsValidator;
import com.microsoft.kiota.authentication.AuthenticationProvider;
import com.microsoft.kiota.authentication.BaseBearerTokenAuthenticationProvider;
import io.latchkey.core.capability.SecretKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The official Microsoft Graph Java SDKs (v1.0 and beta, Kiota-generated) as the clients of a
 * running Latchkey, with only the base URL and the token changed: what a Graph integration does.
 */
class GraphSdkTest {
    @TempDir
    static Path dataDir;
    static GraphFixture server;
    static GraphServiceClient graph;
    static com.microsoft.graph.beta.serviceclient.GraphServiceClient beta;

    @BeforeAll
    static void start() {
        server = new GraphFixture(dataDir);
        graph = new GraphServiceClient(new BaseGraphRequestAdapter(auth(GraphFixture.TOKEN), server.base() + "/v1.0"));
        beta = new com.microsoft.graph.beta.serviceclient.GraphServiceClient(
                new BaseGraphRequestAdapter(auth(GraphFixture.TOKEN), server.base() + "/beta"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** A static bearer token for localhost: what an app registration's token is to Graph. */
    static AuthenticationProvider auth(String token) {
        AllowedHostsValidator hosts = new AllowedHostsValidator("127.0.0.1");
        return new BaseBearerTokenAuthenticationProvider(new AccessTokenProvider() {
            @Override
            public String getAuthorizationToken(URI uri, Map<String, Object> context) {
                return hosts.isUrlHostValid(uri) ? token : "";
            }

            @Override
            public AllowedHostsValidator getAllowedHostsValidator() {
                return hosts;
            }
        });
    }

    @Test
    void list_with_filter_select_and_top_follows_every_next_link_over_2500_matching_devices() {
        server.devices("walk", 2_600, "Windows", "10.0.22631", Map.of());
        server.devices("walkold", 300, "Windows", "10.0.19045", Map.of()); // filtered out by osVersion
        server.devices("walkmac", 40, "macOS", "14.4", Map.of()); // filtered out by operatingSystem

        Set<String> seen = new HashSet<>();
        int pages = 0;
        ManagedDeviceCollectionResponse page = graph.deviceManagement().managedDevices().get(rc -> {
            rc.queryParameters.filter = "startswith(deviceName, 'walk') and operatingSystem eq 'windows'"
                    + " and osVersion ge '10.0.22000' and managedDeviceOwnerType ne 'unknown'";
            rc.queryParameters.select = new String[]{"id", "deviceName", "operatingSystem", "osVersion",
                    "managedDeviceOwnerType"};
            rc.queryParameters.top = 250;
        });
        while (true) {
            pages++;
            for (ManagedDevice d : page.getValue()) {
                assertThat(seen.add(d.getId())).as("each device once: %s", d.getDeviceName()).isTrue();
                assertThat(d.getDeviceName()).startsWith("walk-");
                assertThat(d.getOperatingSystem()).isEqualTo("Windows");
                assertThat(d.getOsVersion()).isEqualTo("10.0.22631");
                assertThat(d.getManagedDeviceOwnerType()).isIn(ManagedDeviceOwnerType.Company,
                        ManagedDeviceOwnerType.Personal);
                assertThat(d.getSerialNumber()).as("not selected").isNull();
            }
            if (page.getOdataNextLink() == null) {
                break;
            }
            assertThat(page.getOdataNextLink()).startsWith(server.base() + "/v1.0/");
            page = graph.deviceManagement().managedDevices().withUrl(page.getOdataNextLink()).get();
        }
        assertThat(seen).as("every matching device, none twice").hasSize(2_600);
        assertThat(pages).isEqualTo(11);
    }

    @Test
    void get_shows_graph_properties_and_enums() {
        server.devices("props", 1, "iOS", "17.4.1", Map.of("lastCheckInAt", "2026-03-01T10:00:00Z"));
        String id = server.ids("props-").getFirst();

        ManagedDevice d = graph.deviceManagement().managedDevices().byManagedDeviceId(id).get();

        assertThat(d.getId()).isEqualTo(id);
        assertThat(d.getDeviceName()).isEqualTo("props-00000");
        assertThat(d.getOperatingSystem()).isEqualTo("iOS");
        assertThat(d.getOsVersion()).isEqualTo("17.4.1");
        assertThat(d.getManagementAgent()).isEqualTo(ManagementAgentType.Mdm);
        assertThat(d.getManagedDeviceOwnerType()).isEqualTo(ManagedDeviceOwnerType.Company);
        assertThat(d.getUserPrincipalName()).isEqualTo("owner.props@example.com");
        assertThat(d.getEnrolledDateTime()).isEqualTo(OffsetDateTime.parse("2026-01-01T00:00:00Z"));
        assertThat(d.getLastSyncDateTime()).isEqualTo(OffsetDateTime.parse("2026-03-01T10:00:00Z"));
        assertThat(d.getManufacturer()).isEqualTo("Apple");
        assertThat(d.getDeviceActionResults()).isEmpty();
    }

    @Test
    void remote_lock_is_stored_and_shows_as_a_pending_action_result() {
        server.devices("lock", 1, "iOS", "17.4.1", Map.of());
        String id = server.ids("lock-").getFirst();

        graph.deviceManagement().managedDevices().byManagedDeviceId(id).remoteLock().post();

        List<DeviceActionResult> results = graph.deviceManagement().managedDevices().byManagedDeviceId(id).get()
                .getDeviceActionResults();
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.getActionName()).isEqualTo("remoteLock");
            assertThat(r.getActionState()).hasToString("Pending");
            assertThat(r.getStartDateTime()).isNotNull();
        });
        assertThat(server.commands(id)).extracting(c -> c.get("action").asText()).containsExactly("remoteLock");
    }

    @Test
    void reset_passcode_on_android_then_the_temporary_passcode_is_read_from_device_action_results() {
        server.devices("android", 1, "Android", "14", Map.of("androidMode", "fullyManaged"));
        String id = server.ids("android-").getFirst();

        graph.deviceManagement().managedDevices().byManagedDeviceId(id).resetPasscode().post();
        // The Android channel (issue 5) is built in parallel: play its part through the real outbox.
        var sent = server.channel.deliver(UUID.fromString(id), 1, "android-stand-in");
        assertThat(sent).singleElement().satisfies(c -> assertThat(c.action().wireName()).isEqualTo("resetPasscode"));
        assertThat(server.channel.succeededWithSecret(sent.getFirst().id(), SecretKind.TEMPORARY_PASSCODE, "483920",
                "android-stand-in")).isTrue();

        List<DeviceActionResult> results = graph.deviceManagement().managedDevices().byManagedDeviceId(id).get()
                .getDeviceActionResults();

        assertThat(results).singleElement().isInstanceOfSatisfying(ResetPasscodeActionResult.class, r -> {
            assertThat(r.getActionName()).isEqualTo("resetPasscode");
            assertThat(r.getActionState()).hasToString("Done");
            assertThat(r.getPasscode()).isEqualTo("483920");
        });
        var audit = server.api.get("/api/v1/audit?limit=20").json().get("items");
        assertThat(audit.findValuesAsText("action")).contains("secret.reveal");
    }

    @Test
    void retire_and_wipe_with_a_body_are_stored_with_their_options() {
        server.devices("retire", 2, "iOS", "17.4.1", Map.of());
        List<String> ids = server.ids("retire-");

        graph.deviceManagement().managedDevices().byManagedDeviceId(ids.get(0)).retire().post();
        WipePostRequestBody wipe = new WipePostRequestBody();
        wipe.setKeepEnrollmentData(false);
        wipe.setKeepUserData(true);
        wipe.setPersistEsimDataPlan(true);
        graph.deviceManagement().managedDevices().byManagedDeviceId(ids.get(1)).wipe().post(wipe);

        assertThat(server.commands(ids.get(0))).extracting(c -> c.get("action").asText()).containsExactly("retire");
        var wiped = server.commands(ids.get(1));
        assertThat(wiped).extracting(c -> c.get("action").asText()).containsExactly("wipe");
        var options = wiped.getFirst().get("options");
        assertThat(options.get("keepUserData").asText()).isEqualTo("true");
        assertThat(options.get("keepEnrollmentData").asText()).isEqualTo("false");
        assertThat(options.get("persistEsimDataPlan").asText()).isEqualTo("true");
    }

    @Test
    void execute_action_for_5000_devices_answers_per_device() {
        server.devices("bulk", 5_000, "Windows", "10.0.22631", Map.of());
        List<String> ids = new ArrayList<>(server.ids("bulk-"));
        assertThat(ids).hasSize(5_000);
        String missing = UUID.randomUUID().toString();
        ids.add(missing);

        var body = new com.microsoft.graph.beta.devicemanagement.manageddevices.executeaction
                .ExecuteActionPostRequestBody();
        body.setActionName(com.microsoft.graph.beta.models.ManagedDeviceRemoteAction.Retire);
        body.setDeviceIds(ids);
        var result = beta.deviceManagement().managedDevices().executeAction().post(body);

        assertThat(result.getSuccessfulDeviceIds()).hasSize(5_000);
        assertThat(result.getNotFoundDeviceIds()).containsExactly(missing);
        assertThat(result.getNotSupportedDeviceIds()).isEmpty();
        assertThat(result.getFailedDeviceIds()).isEmpty();
    }

    @Test
    void errors_are_typed_sdk_exceptions_with_graph_codes() {
        assertThatThrownBy(() -> graph.deviceManagement().managedDevices()
                .byManagedDeviceId(UUID.randomUUID().toString()).get())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(404);
                    assertThat(e.getError().getCode()).isEqualTo("itemNotFound");
                    assertThat(e.getError().getInnerError().getRequestId()).isNotBlank();
                });
        assertThatThrownBy(() -> graph.deviceManagement().managedDevices().get(rc ->
                rc.queryParameters.filter = "deviceName eq"))
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("invalidRequest");
                    assertThat(e.getError().getMessage()).contains("position");
                });
        assertThatThrownBy(() -> graph.deviceManagement().managedDevices().get(rc ->
                rc.queryParameters.search = "\"deviceName:x\""))
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(400));
    }

    @Test
    void a_refused_action_is_400_not_supported_with_the_matrix_reason_and_still_recorded() {
        server.devices("macpass", 1, "macOS", "14.4", Map.of());
        String id = server.ids("macpass-").getFirst();

        assertThatThrownBy(() -> graph.deviceManagement().managedDevices().byManagedDeviceId(id).resetPasscode().post())
                .isInstanceOfSatisfying(ODataError.class, e -> {
                    assertThat(e.getResponseStatusCode()).isEqualTo(400);
                    assertThat(e.getError().getCode()).isEqualTo("notSupported");
                    assertThat(e.getError().getMessage()).containsIgnoringCase("mac");
                });

        assertThat(server.commands(id)).singleElement().satisfies(c -> assertThat(c.get("state").asText())
                .isEqualTo("notSupported"));
        assertThat(graph.deviceManagement().managedDevices().byManagedDeviceId(id).get().getDeviceActionResults())
                .singleElement().satisfies(r -> assertThat(r.getActionState()).hasToString("NotSupported"));
    }

    @Test
    void patch_renames_and_changes_the_owner_type_delete_forgets_the_record_and_count_counts() {
        server.devices("patch", 3, "Android", "14", Map.of("androidMode", "fullyManaged"));
        List<String> ids = server.ids("patch-");

        ManagedDevice change = new ManagedDevice();
        change.setManagedDeviceName("patched-name"); // the v1.0 SDK sends only writable properties; deviceName is not

        change.setManagedDeviceOwnerType(ManagedDeviceOwnerType.Personal);
        ManagedDevice updated = graph.deviceManagement().managedDevices().byManagedDeviceId(ids.get(0)).patch(change);
        graph.deviceManagement().managedDevices().byManagedDeviceId(ids.get(1)).delete();

        assertThat(updated.getDeviceName()).isEqualTo("patched-name");
        ManagedDevice read = graph.deviceManagement().managedDevices().byManagedDeviceId(ids.get(0)).get();
        assertThat(read.getManagedDeviceOwnerType()).isEqualTo(ManagedDeviceOwnerType.Personal);
        assertThatThrownBy(() -> graph.deviceManagement().managedDevices().byManagedDeviceId(ids.get(1)).get())
                .isInstanceOfSatisfying(ODataError.class, e -> assertThat(e.getResponseStatusCode()).isEqualTo(404));
        assertThat(graph.deviceManagement().managedDevices().count().get(rc -> rc.queryParameters.filter =
                "startswith(deviceName,'patch') or deviceName eq 'patched-name'")).isEqualTo(2);
        assertThat(server.api.get("/api/v1/audit?limit=50").json().get("items").findValuesAsText("action"))
                .contains("device.update", "device.delete");
    }

    @Test
    void users_by_principal_name_and_their_devices() {
        server.devices("people", 2, "iOS", "17.4.1", Map.of());
        var user = graph.users().byUserId("owner.people@example.com").get();
        assertThat(user.getDisplayName()).isEqualTo("Owner people");

        var devices = graph.users().byUserId(user.getId()).managedDevices().get();

        assertThat(devices.getValue()).extracting(ManagedDevice::getDeviceName)
                .containsExactlyInAnyOrder("people-00000", "people-00001");
    }
}
