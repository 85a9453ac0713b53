package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.audit.Actor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Help Desk Operator scoped to the group "Paris" cannot see or act on any other device, through
 * any surface (issue 8 item 2): lists, paging and counts hold Paris only; an out-of-scope id is
 * answered exactly like an unknown one, alone or mixed into bulk requests; users, groups, the
 * action history and the audit log show only what the scope holds.
 */
class ScopeEndToEndTest {
    private static final String PASSWORD = "scope-violet-harbour-crane";

    @TempDir
    static Path dir;
    static GraphFixture server;
    static List<String> paris;
    static List<String> lyon;
    static String parisGroup;
    static String lyonGroup;
    static String lyonOwner;
    static TestClient desk;
    static ConsoleClient deskConsole;
    static String adminRequestOnLyon;

    @BeforeAll
    static void start() {
        server = new GraphFixture(dir);
        server.devices("paris", 5, "iOS", "17.4.1", Map.of("unlockTokenEscrowed", "true"));
        server.devices("lyon", 5, "iOS", "17.4.1", Map.of("unlockTokenEscrowed", "true"));
        paris = server.ids("paris-");
        lyon = server.ids("lyon-");
        parisGroup = group("Paris", paris);
        lyonGroup = group("Lyon", lyon);
        lyonOwner = server.api.get("/api/v1/users?search=owner.lyon").json().at("/items/0/id").asText();
        TestClient.Response r = server.api.post("/api/v1/actions", Map.of("action", "remoteLock",
                "target", Map.of("ids", List.of(lyon.getFirst()))));
        adminRequestOnLyon = r.json().at("/id").asText();

        var app = server.app;
        Admin a = new Admin(UUID.randomUUID(), "paris-desk", null, Instant.now());
        app.storage().admins().create(a, List.of());
        app.roleAdministration().assign(a.id(), Role.HELP_DESK_OPERATOR,
                Scope.groups(Set.of(UUID.fromString(parisGroup))), io.latchkey.core.audit.Actor.SYSTEM);
        String token = AdminAccounts.newToken();
        app.storage().admins().addToken(new ApiToken(UUID.randomUUID(), a.id(), "t", AdminAccounts.hashToken(token),
                Instant.now(), Instant.now().plus(Duration.ofDays(1))));
        app.identities().passwords().set("paris-desk", PASSWORD, new Actor("test", "test"));
        desk = server.api.withToken(token);
        deskConsole = ConsoleClient.signIn(server.base(), "paris-desk", PASSWORD);
    }

    private static String group(String name, List<String> members) {
        String id = server.api.post("/api/v1/groups", Map.of("name", name)).json().at("/id").asText();
        assertThat(server.api.post("/api/v1/groups/" + id + "/members", Map.of("deviceIds", members)).status())
                .isEqualTo(200);
        return id;
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void apiListsPagesAndFiltersHoldParisOnlyAndLeakNoCount() {
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = desk.get("/api/v1/devices?limit=2&group=all-devices" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8))).json();
            page.get("items").forEach(d -> seen.add(d.get("id").asText()));
            cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
            pages++;
        } while (cursor != null);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(paris);
        assertThat(pages).isEqualTo(3); // 2 + 2 + 1: the last Paris device ends the walk, no empty page after it
        assertThat(desk.get("/api/v1/devices?search=lyon").json().get("items")).isEmpty();
        assertThat(desk.get("/api/v1/devices?platform=iOS&limit=1000").json().get("items")).hasSize(5);
        assertThat(desk.get("/api/v1/users/" + lyonOwner + "/devices").status()).isEqualTo(404);
        assertThat(desk.get("/api/v1/users").json().findValuesAsText("userPrincipalName"))
                .containsExactly("owner.paris@example.com");
        assertThat(desk.get("/api/v1/groups").json().at("/groups").findValuesAsText("name")).containsExactly("Paris");
        assertThat(desk.get("/api/v1/devices?group=" + lyonGroup).status()).isEqualTo(404);
        assertThat(server.api.get("/api/v1/devices?group=all-devices&limit=1000").json().get("items")).hasSize(10);
    }

    @Test
    void apiAnswersAnOutOfScopeDeviceExactlyLikeAnUnknownOne() {
        String unknown = UUID.randomUUID().toString();
        TestClient.Response outside = desk.get("/api/v1/devices/" + lyon.getFirst());
        TestClient.Response none = desk.get("/api/v1/devices/" + unknown);
        assertThat(outside.status()).isEqualTo(404).isEqualTo(none.status());
        assertThat(outside.body().replace(lyon.getFirst(), "ID")).isEqualTo(none.body().replace(unknown, "ID"));
        assertThat(desk.get("/api/v1/devices/" + paris.getFirst()).status()).isEqualTo(200);
        assertThat(desk.get("/api/v1/users/" + lyonOwner).status()).isEqualTo(404);

        TestClient.Response onlyOutside = desk.post("/api/v1/actions", Map.of("action", "remoteLock",
                "target", Map.of("ids", List.of(lyon.get(1)))));
        TestClient.Response onlyUnknown = desk.post("/api/v1/actions", Map.of("action", "remoteLock",
                "target", Map.of("ids", List.of(unknown))));
        assertThat(onlyOutside.status()).isEqualTo(400).isEqualTo(onlyUnknown.status());
        assertThat(onlyOutside.body().replace(lyon.get(1), "ID")).isEqualTo(onlyUnknown.body().replace(unknown, "ID"));
    }

    @Test
    void apiBulkRequestsMixingInAndOutOfScopeDevicesActOnParisOnly() {
        String unknown = UUID.randomUUID().toString();
        TestClient.Response mixed = desk.post("/api/v1/actions", Map.of("action", "syncDevice",
                "target", Map.of("ids", List.of(paris.get(0), lyon.get(0), paris.get(1), unknown))));
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(201);
        assertThat(mixed.json().at("/deviceCount").asInt()).isEqualTo(2);
        assertThat(mixed.json().get("notFoundIds").toString()).contains(lyon.get(0)).contains(unknown)
                .doesNotContain(paris.get(0));
        TestClient.Response everything = desk.post("/api/v1/actions", Map.of("action", "syncDevice",
                "target", Map.of("groupId", "all-devices")));
        assertThat(everything.json().at("/deviceCount").asInt()).isEqualTo(5);
        assertThat(desk.post("/api/v1/actions/preview", Map.of("action", "syncDevice",
                "target", Map.of("search", "-00003"))).json().at("/selected").asInt()).isEqualTo(1);
        String mine = everything.json().at("/id").asText();
        assertThat(desk.get("/api/v1/actions/" + mine + "/commands").json().get("items")).hasSize(5);

        // History: the admin's request on Lyon and its commands are not the operator's to see.
        assertThat(desk.get("/api/v1/actions?limit=1000").json().get("items").findValuesAsText("requestedBy"))
                .isNotEmpty().allMatch("paris-desk"::equals);
        assertThat(desk.get("/api/v1/actions/" + adminRequestOnLyon).status()).isEqualTo(404);
        String lyonCommand = server.api.get("/api/v1/actions/" + adminRequestOnLyon + "/commands").json()
                .at("/items/0/id").asText();
        assertThat(desk.get("/api/v1/commands/" + lyonCommand).status()).isEqualTo(404);
        assertThat(desk.get("/api/v1/audit?limit=1000").json().get("items").findValuesAsText("actor"))
                .isNotEmpty().allMatch("paris-desk"::equals);
    }

    @Test
    void graphListsCountsPagesAndBulkActionsHoldParisOnly() {
        JsonNode first = desk.get("/v1.0/deviceManagement/managedDevices?$top=2&$count=true").json();
        assertThat(first.at("/@odata.count").asLong()).isEqualTo(5);
        List<String> seen = new ArrayList<>();
        first.get("value").forEach(d -> seen.add(d.get("id").asText()));
        String next = first.path("@odata.nextLink").asText(null);
        while (next != null) {
            JsonNode page = desk.get(next.substring(next.indexOf("/v1.0"))).json();
            page.get("value").forEach(d -> seen.add(d.get("id").asText()));
            next = page.path("@odata.nextLink").asText(null);
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(paris);
        assertThat(desk.get("/v1.0/deviceManagement/managedDevices/$count").body()).isEqualTo("5");
        assertThat(desk.get("/v1.0/deviceManagement/managedDevices?$filter=startswith(deviceName,'lyon')").json()
                .get("value")).isEmpty();
        assertThat(desk.get("/v1.0/users").json().get("value").findValuesAsText("userPrincipalName"))
                .containsExactly("owner.paris@example.com");
        assertThat(desk.get("/v1.0/users/owner.lyon@example.com").status()).isEqualTo(404);

        String unknown = UUID.randomUUID().toString();
        TestClient.Response outside = desk.get("/v1.0/deviceManagement/managedDevices/" + lyon.getFirst());
        TestClient.Response none = desk.get("/v1.0/deviceManagement/managedDevices/" + unknown);
        assertThat(outside.status()).isEqualTo(404).isEqualTo(none.status());
        assertThat(outside.json().at("/error/code").asText()).isEqualTo("itemNotFound");
        assertThat(desk.post("/v1.0/deviceManagement/managedDevices/" + lyon.getFirst() + "/remoteLock", Map.of())
                .status()).isEqualTo(404);
        assertThat(desk.post("/v1.0/deviceManagement/managedDevices/" + paris.getFirst() + "/remoteLock", Map.of())
                .status()).isEqualTo(204);

        TestClient.Response bulk = desk.post("/beta/deviceManagement/managedDevices/executeAction", Map.of(
                "actionName", "syncDevice", "deviceIds", List.of(paris.get(2), lyon.get(2), unknown)));
        assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
        JsonNode result = bulk.json().has("value") ? bulk.json().get("value") : bulk.json();
        assertThat(result.get("successfulDeviceIds").toString()).contains(paris.get(2)).doesNotContain(lyon.get(2));
        assertThat(result.get("notFoundDeviceIds").toString()).contains(lyon.get(2)).contains(unknown);
    }

    @Test
    void theConsoleShowsCountsListsUsersAndGroupsOfParisOnlyAndRefusesTheRest() {
        ConsoleClient.Page list = deskConsole.get("/console/groups/all-devices");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).contains("paris-00000").doesNotContain("lyon-0000").contains(">Paris<")
                .doesNotContain(">Lyon<");
        assertThat(deskConsole.get("/console/groups/all-devices/count").body()).contains("5")
                .doesNotContain("10");
        assertThat(deskConsole.get("/console/groups/" + lyonGroup).status()).isEqualTo(404);
        assertThat(deskConsole.get("/console/devices/" + lyon.getFirst()).status()).isEqualTo(404);
        assertThat(deskConsole.get("/console/users").body()).contains("owner.paris@example.com")
                .doesNotContain("owner.lyon@example.com");
        assertThat(deskConsole.get("/console/users/" + lyonOwner).status()).isEqualTo(404);

        ConsoleClient.Page outside = deskConsole.post("/console/tasks", Map.of("action", "remoteLock",
                "ids", lyon.get(3)));
        assertThat(outside.status()).isEqualTo(400);
        assertThat(outside.body()).contains("no device matches the selection");
        ConsoleClient.Page mixed = deskConsole.post("/console/tasks", Map.of("action", "syncDevice"),
                List.of(Map.entry("ids", paris.get(3)), Map.entry("ids", lyon.get(3))));
        assertThat(mixed.status()).as(mixed.body()).isEqualTo(303);
        assertThat(deskConsole.get("/console/tasks").body()).doesNotContain(adminRequestOnLyon);
        assertThat(deskConsole.get("/console/tasks/" + adminRequestOnLyon).status()).isEqualTo(404);
    }
}
