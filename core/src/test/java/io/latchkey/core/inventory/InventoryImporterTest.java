package io.latchkey.core.inventory;

import io.latchkey.core.audit.Actor;
import io.latchkey.core.testing.InMemoryStore;
import io.latchkey.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryImporterTest {
    private final InMemoryStore store = new InMemoryStore();
    private final MapUsers users = new MapUsers();
    private final List<Integer> transactions = new ArrayList<>();
    private final InventoryImport imports = (u, d) -> {
        transactions.add(u.size() + d.size());
        u.forEach(users::save);
        d.forEach(store.devices::save);
    };
    private final InventoryImporter importer = new InventoryImporter(users, store.devices, imports, store.audit,
            new MutableClock());
    private final Actor admin = new Actor("alice", "10.0.0.1");

    @Test
    void importsUsersAndTheirDevicesInOneTransaction() {
        ImportResult r = importer.importRows(
                List.of(row("userPrincipalName", "marie@contoso.fr", "displayName", "Marie Curie")),
                List.of(row("name", "Marie's iPhone", "platform", "iOS", "osVersion", "17.4.1", "channel", "mdm",
                        "ownership", "company", "enrollingUser", "marie@contoso.fr", "externalId", "UDID-1",
                        "unlockTokenEscrowed", "true")), admin);
        assertThat(r.ok()).isTrue();
        assertThat(r.users()).isEqualTo(1);
        assertThat(r.devices()).isEqualTo(1);
        assertThat(transactions).containsExactly(2);
        Device d = store.devices.findByExternalId("UDID-1").orElseThrow();
        assertThat(d.enrollingUserId()).isEqualTo(users.findByPrincipalName("marie@contoso.fr").orElseThrow().id());
        assertThat(d.state().unlockTokenEscrowed()).isTrue();
        assertThat(store.audit.page(null, 10).items()).extracting(e -> e.action()).containsExactly("inventory.import");
    }

    @Test
    void reportsEveryRowErrorAndStoresNothing() {
        ImportResult r = importer.importRows(
                List.of(row("userPrincipalName", "not-an-upn"), row("userPrincipalName", "ok@contoso.fr"),
                        row("userPrincipalName", "OK@contoso.fr")),
                List.of(row("name", "a", "platform", "BlackBerry", "osVersion", "10", "channel", "mdm",
                                "ownership", "company", "enrollingUser", "ok@contoso.fr"),
                        row("name", "b", "platform", "Android", "osVersion", "x.y", "channel", "carrier-pigeon",
                                "ownership", "rented", "enrollingUser", "ghost@contoso.fr", "colour", "red"),
                        row("platform", "iOS", "osVersion", "17", "channel", "mdm", "ownership", "company",
                                "enrollingUser", "ok@contoso.fr", "enrolledAt", "yesterday")), admin);
        assertThat(r.ok()).isFalse();
        assertThat(r.errors()).extracting(e -> e.section() + ":" + e.row() + ":" + e.field()).contains(
                "users:1:userPrincipalName", "users:3:userPrincipalName",
                "devices:1:platform", "devices:2:osVersion", "devices:2:channel", "devices:2:ownership",
                "devices:2:enrollingUser", "devices:2:colour", "devices:3:name", "devices:3:enrolledAt");
        assertThat(r.errors()).allSatisfy(e -> assertThat(e.message()).isNotBlank());
        assertThat(transactions).isEmpty();
        assertThat(store.devices.select(DeviceFilter.ALL)).isEmpty();
        assertThat(store.audit.page(null, 10).items()).isEmpty();
    }

    @Test
    void reimportingTheSameRowsUpdatesInsteadOfDuplicating() {
        List<Map<String, String>> userRows = List.of(row("userPrincipalName", "li@contoso.fr", "displayName", "Li"));
        List<Map<String, String>> deviceRows = List.of(row("name", "Li's Pixel", "platform", "android",
                "osVersion", "14", "channel", "mdm", "ownership", "company", "enrollingUser", "li@contoso.fr",
                "externalId", "enterprises/e1/devices/d1", "androidMode", "fullyManaged"));
        assertThat(importer.importRows(userRows, deviceRows, admin).ok()).isTrue();
        UUID first = store.devices.findByExternalId("enterprises/e1/devices/d1").orElseThrow().id();
        List<Map<String, String>> renamed = List.of(new HashMap<>(deviceRows.get(0)));
        renamed.get(0).put("name", "Li's new name");
        assertThat(importer.importRows(userRows, renamed, admin).ok()).isTrue();
        assertThat(store.devices.select(DeviceFilter.ALL)).singleElement().satisfies(d -> {
            assertThat(d.id()).isEqualTo(first);
            assertThat(d.name()).isEqualTo("Li's new name");
        });
    }

    @Test
    void refusesDuplicatesInsideOneFileAndAndroidModeOnOtherPlatforms() {
        ImportResult r = importer.importRows(List.of(row("userPrincipalName", "a@b.c")), List.of(
                row("name", "x", "platform", "iOS", "osVersion", "17", "channel", "mdm", "ownership", "company",
                        "enrollingUser", "a@b.c", "externalId", "E", "androidMode", "workProfile"),
                row("name", "y", "platform", "iOS", "osVersion", "17", "channel", "mdm", "ownership", "company",
                        "enrollingUser", "a@b.c", "externalId", "E2"),
                row("name", "z", "platform", "iOS", "osVersion", "17", "channel", "mdm", "ownership", "company",
                        "enrollingUser", "a@b.c", "externalId", "E2")), admin);
        assertThat(r.errors()).extracting(e -> e.row() + ":" + e.field())
                .containsExactlyInAnyOrder("1:androidMode", "3:externalId");
    }

    @Test
    void reimportingKeepsWhatTheDeviceReportedWhenAColumnIsLeftOut() {
        List<Map<String, String>> userRows = List.of(row("userPrincipalName", "jo@contoso.fr"),
                row("userPrincipalName", "kim@contoso.fr"));
        assertThat(importer.importRows(userRows, List.of(row("name", "Jo's iPhone", "platform", "iOS",
                "osVersion", "17.4", "channel", "mdm", "ownership", "company", "enrollingUser", "jo@contoso.fr",
                "currentUser", "kim@contoso.fr", "externalId", "UDID-J", "unlockTokenEscrowed", "true",
                "model", "iPhone15,2")), admin).ok()).isTrue();

        assertThat(importer.importRows(List.of(), List.of(row("name", "Jo's renamed iPhone", "platform", "iOS",
                "osVersion", "17.5", "channel", "mdm", "ownership", "company", "enrollingUser", "jo@contoso.fr",
                "externalId", "UDID-J")), admin).ok()).isTrue();

        Device d = store.devices.findByExternalId("UDID-J").orElseThrow();
        assertThat(d.name()).isEqualTo("Jo's renamed iPhone");
        assertThat(d.osVersion()).isEqualTo("17.5");
        assertThat(d.state().unlockTokenEscrowed()).isTrue();
        assertThat(d.currentUserId()).isEqualTo(users.findByPrincipalName("kim@contoso.fr").orElseThrow().id());
        assertThat(d.model()).isEqualTo("iPhone15,2");
    }

    @Test
    void anIdOfAnotherUserOrTwiceInOneFileIsRefused() {
        assertThat(importer.importRows(List.of(row("userPrincipalName", "alice@contoso.fr")), List.of(), admin).ok())
                .isTrue();
        UUID alice = users.findByPrincipalName("alice@contoso.fr").orElseThrow().id();
        UUID fresh = UUID.randomUUID();

        ImportResult r = importer.importRows(List.of(
                row("userPrincipalName", "bob@contoso.fr", "id", alice.toString()),
                row("userPrincipalName", "carol@contoso.fr", "id", fresh.toString()),
                row("userPrincipalName", "dan@contoso.fr", "id", fresh.toString())), List.of(), admin);

        assertThat(r.errors()).extracting(e -> e.row() + ":" + e.field() + ":" + e.message())
                .containsExactly("1:id:id " + alice + " belongs to user 'alice@contoso.fr'",
                        "3:id:id " + fresh + " appears twice in this import");
        assertThat(users.findByPrincipalName("bob@contoso.fr")).isEmpty();
    }

    @Test
    void overlongValuesAndNulCharactersAreRowErrorsNotStorageFailures() {
        ImportResult r = importer.importRows(List.of(row("userPrincipalName", "a@b.c")), List.of(
                row("name", "n".repeat(401), "platform", "iOS", "osVersion", "17", "channel", "mdm",
                        "ownership", "company", "enrollingUser", "a@b.c", "externalId", "e\u0000f")), admin);
        assertThat(r.errors()).extracting(e -> e.field() + ":" + e.message()).containsExactlyInAnyOrder(
                "name:name is 401 characters long; at most 400 are allowed",
                "externalId:externalId contains a NUL character");
        assertThat(transactions).isEmpty();
    }

    private static Map<String, String> row(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Users in memory, unique by principal name (case-insensitive), as the store promises. */
    private static final class MapUsers implements Users {
        private final Map<UUID, User> byId = new LinkedHashMap<>();

        @Override
        public void save(User user) {
            byId.put(user.id(), user);
        }

        @Override
        public Optional<User> find(UUID id) {
            return Optional.ofNullable(byId.get(id));
        }

        @Override
        public Optional<User> findByPrincipalName(String upn) {
            return byId.values().stream().filter(u -> u.userPrincipalName().equalsIgnoreCase(upn)).findFirst();
        }

        @Override
        public Page<User> page(String search, String cursor, int limit) {
            return new Page<>(List.copyOf(byId.values()), null);
        }
    }
}
