package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.windows.Behaviour;
import io.latchkey.simulator.windows.SimulatedWindowsDevice;
import io.latchkey.simulator.windows.WindowsDeviceHttp;
import io.latchkey.simulator.windows.WindowsPersonality;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-admin approval (issue 8 item 3) over HTTPS on loopback with the default policy: a wipe of
 * two simulated Windows devices is held (202, nothing queued, the devices untouched), refused to
 * its requester under any of their tokens, approved by a second Administrator, and only then
 * reaches the devices; reject, cancel, expiry and two approvers at once; each step audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApprovalEndToEndTest {
    private static final String TOKEN = "lk_approval-e2e-token-0123456789";

    @TempDir
    static Path dir;
    App app;
    String base;
    TestTls tls;
    TestClient alice;
    TestClient aliceSecondToken;
    TestClient bob;
    TestClient carol;
    TestClient helpDesk;
    List<String> imported;

    @BeforeAll
    void start() throws Exception {
        tls = TestTls.write(dir);
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.resolve("data").toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN,
                Option.TLS_KEYSTORE, tls.keystore().toString(), Option.TLS_KEYSTORE_PASSWORD, tls.password()), null,
                Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        base = "https://localhost:" + app.serve();
        alice = new TestClient(base, tls.client(), TOKEN);
        Admin first = app.storage().admins().findByName(settings.bootstrapAdminUser()).orElseThrow();
        aliceSecondToken = alice.withToken(token(first));
        bob = alice.withToken(token(admin("bob", Role.ADMINISTRATOR)));
        carol = alice.withToken(token(admin("carol", Role.ADMINISTRATOR)));
        helpDesk = alice.withToken(token(admin("helpdesk", Role.HELP_DESK_OPERATOR)));
        alice.ok(alice.post("/api/v1/import", Map.of(
                "users", List.of(Map.of("userPrincipalName", "i@example.com", "displayName", "I")),
                "devices", List.of(iphone("appr-001", "company"), iphone("appr-002", "company"),
                        iphone("appr-003", "personal")))));
        imported = new ArrayList<>();
        for (JsonNode d : alice.get("/api/v1/devices?search=appr-&limit=10").json().get("items")) {
            imported.add(d.get("id").asText());
        }
        assertThat(imported).hasSize(3);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aTwoDeviceWipeWaitsForASecondAdministratorAndThenReachesTheDevices() throws Exception {
        SimulatedWindowsDevice pc1 = enrolled("pc1@example.com", 21);
        SimulatedWindowsDevice pc2 = enrolled("pc2@example.com", 22);
        List<String> ids = List.of(deviceId(pc1), deviceId(pc2));

        TestClient.Response held = alice.post("/api/v1/actions", Map.of("action", "wipe",
                "target", Map.of("ids", ids), "reason", "stolen laptops"));
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        String approval = held.json().get("id").asText();
        assertThat(held.json().get("state").asText()).isEqualTo("pending");
        assertThat(held.json().get("link").asText()).isEqualTo("/api/v1/approvals/" + approval);
        assertThat(held.raw().headers().firstValue("Location")).hasValue("/api/v1/approvals/" + approval);
        assertThat(held.json().get("deviceCount").asInt()).isEqualTo(2);
        assertThat(held.json().get("reason").asText()).isEqualTo("stolen laptops");
        // Nothing is queued: no action request, and a device session brings no wipe.
        assertThat(wipeRequestsFor(ids)).isZero();
        pc1.session();
        assertThat(pc1.status().wiped()).isFalse();

        for (TestClient self : List.of(alice, aliceSecondToken)) {
            TestClient.Response refused = self.post("/api/v1/approvals/" + approval + "/approve", Map.of());
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.json().at("/error/code").asText()).isEqualTo("selfApproval");
        }
        TestClient.Response noPermission = helpDesk.post("/api/v1/approvals/" + approval + "/approve", Map.of());
        assertThat(noPermission.status()).isEqualTo(403);
        assertThat(noPermission.json().at("/error/code").asText()).isEqualTo("forbidden");
        assertThat(alice.get("/api/v1/approvals/" + approval).json().get("state").asText()).isEqualTo("pending");

        TestClient.Response approved = bob.post("/api/v1/approvals/" + approval + "/approve",
                Map.of("comment", "confirmed by phone"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().at("/approval/state").asText()).isEqualTo("approved");
        assertThat(approved.json().at("/approval/decidedBy").asText()).isEqualTo("bob");
        String action = approved.json().at("/actionRequest/id").asText();
        assertThat(approved.json().at("/actionRequest/requestedBy").asText()).isEqualTo("admin");
        assertThat(approved.json().at("/actionRequest/deviceCount").asInt()).isEqualTo(2);
        assertThat(alice.get("/api/v1/approvals/" + approval).json().get("actionRequestId").asText())
                .isEqualTo(action);
        TestClient.Response again = carol.post("/api/v1/approvals/" + approval + "/approve", Map.of());
        assertThat(again.status()).isEqualTo(409);

        pc1.session();
        pc2.session();
        assertThat(pc1.status().wiped()).isTrue();
        assertThat(pc2.status().wiped()).isTrue();
        for (JsonNode c : alice.get("/api/v1/actions/" + action + "/commands").json().get("items")) {
            assertThat(c.get("state").asText()).isEqualTo("succeeded");
        }
        assertThat(audit(approval)).containsExactly("approval.request", "approval.approve");
        JsonNode submit = auditEntry("action.submit", action);
        assertThat(submit.get("actor").asText()).isEqualTo("admin");
        assertThat(submit.get("detail").asText()).contains("approved by bob");
    }

    @Test
    void rejectedAndCancelledRequestsQueueNothing() {
        String rejected = hold("retire", List.of(imported.get(0)));
        TestClient.Response r = bob.post("/api/v1/approvals/" + rejected + "/reject", Map.of("comment", "wrong one"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("state").asText()).isEqualTo("rejected");
        assertThat(r.json().get("comment").asText()).isEqualTo("wrong one");
        assertThat(carol.post("/api/v1/approvals/" + rejected + "/approve", Map.of()).status()).isEqualTo(409);

        String mine = hold("retire", List.of(imported.get(1)));
        TestClient.Response notMine = helpDesk.post("/api/v1/approvals/" + mine + "/cancel", Map.of());
        assertThat(notMine.status()).isEqualTo(403);
        assertThat(notMine.json().at("/error/code").asText()).isEqualTo("notRequester");
        TestClient.Response cancelled = aliceSecondToken.post("/api/v1/approvals/" + mine + "/cancel", "");
        assertThat(cancelled.status()).as(cancelled.body()).isEqualTo(200);
        assertThat(cancelled.json().get("state").asText()).isEqualTo("cancelled");

        assertThat(audit(rejected)).containsExactly("approval.request", "approval.reject");
        assertThat(audit(mine)).containsExactly("approval.request", "approval.cancel");
        for (String id : List.of(rejected, mine)) {
            assertThat(app.storage().requests().findByIdempotencyKey("admin", "approval:" + id)).isEmpty();
            assertThat(alice.get("/api/v1/approvals/" + id).json().has("actionRequestId")).isFalse();
        }
        JsonNode list = alice.get("/api/v1/approvals?state=cancelled").json().get("items");
        assertThat(list).extracting(n -> n.get("id").asText()).contains(mine).doesNotContain(rejected);
    }

    @Test
    void afterThirtyDaysARequestExpiresOnReadAndInTheSweep() throws Exception {
        String read = hold("wipe", List.of(imported.get(0), imported.get(2)));
        String swept = hold("wipe", List.of(imported.get(1), imported.get(2)));
        backdate(read, Duration.ofDays(30));
        backdate(swept, Duration.ofDays(31));

        assertThat(alice.get("/api/v1/approvals/" + read).json().get("state").asText()).isEqualTo("expired");
        assertThat(app.approvals().expireDue()).isEqualTo(1);
        assertThat(app.approvals().find(UUID.fromString(swept)).state().wireName()).isEqualTo("expired");
        TestClient.Response late = bob.post("/api/v1/approvals/" + read + "/approve", Map.of());
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.json().at("/error/message").asText()).contains("expired");
        assertThat(audit(read)).containsExactly("approval.request", "approval.expire");
        assertThat(auditEntry("approval.expire", swept).get("actor").asText()).isEqualTo("system");
    }

    @Test
    void ofTwoAdministratorsApprovingAtOnceOneWinsAndOneActionIsQueued() throws Exception {
        String approval = hold("wipe", List.of(imported.get(0), imported.get(1)));
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (TestClient approver : List.of(bob, carol)) {
                Callable<Integer> task = () -> {
                    go.await();
                    return approver.post("/api/v1/approvals/" + approval + "/approve", Map.of()).status();
                };
                answers.add(pool.submit(task));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> f : answers) {
                statuses.add(f.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(200, 409);
        } finally {
            pool.shutdownNow();
        }
        assertThat(audit(approval)).containsExactly("approval.request", "approval.approve");
        assertThat(app.storage().requests().findByIdempotencyKey("admin", "approval:" + approval)).isPresent();
        long submits = 0;
        for (JsonNode e : alice.get("/api/v1/audit?limit=1000").json().get("items")) {
            if (e.get("action").asText().equals("action.submit") && e.get("detail").asText().contains(approval)) {
                submits++;
            }
        }
        assertThat(submits).isEqualTo(1);
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheSameApprovalRequest() {
        Map<String, Object> wipe = Map.of("action", "wipe", "target", Map.of("ids", List.of(imported.get(0))));
        Map<String, String> key = Map.of("Idempotency-Key", "approval-retry-7");
        TestClient.Response first = alice.post("/api/v1/actions", wipe, key);
        TestClient.Response retry = alice.post("/api/v1/actions", wipe, key);
        assertThat(first.status()).as(first.body()).isEqualTo(202);
        assertThat(retry.status()).isEqualTo(202);
        assertThat(retry.json().get("id").asText()).isEqualTo(first.json().get("id").asText());
        assertThat(first.json().get("idempotencyKey").asText()).isEqualTo("approval-retry-7");
        TestClient.Response reused = alice.post("/api/v1/actions", Map.of("action", "retire",
                "target", Map.of("ids", List.of(imported.get(0)))), key);
        assertThat(reused.status()).isEqualTo(409);
        assertThat(audit(first.json().get("id").asText())).containsExactly("approval.request");
    }

    @Test
    void graphAnswersApprovalRequiredAndQueuesNothing() {
        TestClient.Response r = alice.post("/beta/deviceManagement/managedDevices/executeAction",
                Map.of("actionName", "wipe", "deviceIds", List.of(imported.get(0), imported.get(1))));
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().at("/error/code").asText()).isEqualTo("approvalRequired");
        String location = r.raw().headers().firstValue("Location").orElseThrow();
        String approval = location.substring(location.lastIndexOf('/') + 1);
        assertThat(r.json().at("/error/message").asText()).contains(approval);
        assertThat(alice.get("/api/v1/approvals/" + approval).json().get("state").asText()).isEqualTo("pending");

        TestClient.Response retire = alice.post("/v1.0/deviceManagement/managedDevices/" + imported.get(0) + "/retire",
                "");
        assertThat(retire.status()).isEqualTo(403);
        // A lock, or a wipe of one personal device, is not covered by the default policy.
        TestClient.Response personal = alice.post("/v1.0/deviceManagement/managedDevices/" + imported.get(2)
                + "/remoteLock", "");
        assertThat(personal.status()).as(personal.body()).isEqualTo(204);
    }

    private String hold(String action, List<String> ids) {
        TestClient.Response held = alice.post("/api/v1/actions", Map.of("action", action, "target", Map.of("ids", ids)));
        assertThat(held.status()).as(held.body()).isEqualTo(202);
        return held.json().get("id").asText();
    }

    /** The stored request as if it had been asked {@code age} ago (the server's clock is the system's). */
    private void backdate(String approval, Duration age) throws Exception {
        Instant created = Instant.now().minus(age);
        try (Connection c = app.storage().dataSource().getConnection();
             PreparedStatement st = c.prepareStatement(
                     "UPDATE approval_request SET created_at = ?, expires_at = ? WHERE id = ?")) {
            // Bound as the store binds them: on SQLite instants are microseconds and ids are text.
            io.latchkey.store.jdbc.SqlValues.setInstant(st, 1, created);
            io.latchkey.store.jdbc.SqlValues.setInstant(st, 2, created.plus(Duration.ofDays(30)));
            io.latchkey.store.jdbc.SqlValues.setUuid(st, 3, UUID.fromString(approval));
            assertThat(st.executeUpdate()).isEqualTo(1);
        }
    }

    /** The audit actions recorded about the approval request, oldest first. */
    private List<String> audit(String approval) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : alice.get("/api/v1/audit?limit=1000").json().get("items")) {
            if (approval.equals(e.get("target").asText())) {
                out.addFirst(e.get("action").asText());
            }
        }
        return out;
    }

    private JsonNode auditEntry(String action, String target) {
        for (JsonNode e : alice.get("/api/v1/audit?limit=1000").json().get("items")) {
            if (action.equals(e.get("action").asText()) && target.equals(e.get("target").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + action + " about " + target);
    }

    private long wipeRequestsFor(List<String> ids) {
        long n = 0;
        for (JsonNode r : alice.get("/api/v1/actions?limit=1000").json().get("items")) {
            JsonNode targetIds = r.at("/target/ids");
            if (targetIds.isArray() && targetIds.toString().contains(ids.getFirst())) {
                n++;
            }
        }
        return n;
    }

    private SimulatedWindowsDevice enrolled(String upn, long seed) throws Exception {
        alice.ok(alice.post("/api/v1/import", Map.of("users", List.of(Map.of("userPrincipalName", upn,
                "displayName", "W")))));
        String userId = alice.get("/api/v1/users?search=" + upn).json().at("/items/0/id").asText();
        String code = alice.post("/api/v1/users/" + userId + "/enrollment-codes", Map.of("channel", "windows")).json()
                .get("code").asText();
        SimulatedWindowsDevice device = new SimulatedWindowsDevice(WindowsPersonality.WINDOWS_11_DESKTOP,
                Behaviour.RELIABLE, seed, WindowsDeviceHttp.trusting(tls.certificate()));
        device.enroll(URI.create(base + "/EnrollmentServer/Discovery.svc"), upn, code);
        device.session();
        return device;
    }

    private String deviceId(SimulatedWindowsDevice device) {
        for (JsonNode d : alice.get("/api/v1/devices?limit=1000").json().get("items")) {
            if (device.deviceId().equalsIgnoreCase(d.path("externalId").asText())) {
                return d.get("id").asText();
            }
        }
        throw new AssertionError("no device " + device.deviceId());
    }

    private static Map<String, String> iphone(String name, String ownership) {
        return Map.ofEntries(Map.entry("name", name), Map.entry("platform", "iOS"), Map.entry("osVersion", "17.4.1"),
                Map.entry("model", "iPhone 15"), Map.entry("serialNumber", "SN-" + name), Map.entry("channel", "mdm"),
                Map.entry("ownership", ownership), Map.entry("enrollingUser", "i@example.com"),
                Map.entry("currentUser", "i@example.com"), Map.entry("unlockTokenEscrowed", "true"));
    }

    private Admin admin(String name, String role) {
        Admin a = new Admin(UUID.randomUUID(), name, null, Instant.now());
        app.storage().admins().create(a, List.of());
        app.roleAdministration().assign(a.id(), role, Scope.ALL, io.latchkey.core.audit.Actor.SYSTEM);
        return a;
    }

    private String token(Admin a) {
        String token = AdminAccounts.newToken();
        app.storage().admins().addToken(new ApiToken(UUID.randomUUID(), a.id(), "t-" + UUID.randomUUID(),
                AdminAccounts.hashToken(token), Instant.now(), Instant.now().plus(Duration.ofDays(1))));
        return token;
    }
}
