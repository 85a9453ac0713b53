package io.latchkey.store.jdbc;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditFilter;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static io.latchkey.store.jdbc.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;

/** What the web console reads in one query each: counts, a page's users and open commands, filtered audit. */
public interface ConsoleReadsContract extends StorageFixture {

    @Test
    default void countAgreesWithSelectForEveryKindOfFilter() {
        storage().devices().save(device("a", Platform.IOS, ManagementChannel.MDM));
        storage().devices().save(device("b", Platform.ANDROID, ManagementChannel.EAS));
        storage().devices().save(device("c", Platform.WINDOWS, ManagementChannel.PC_AGENT));
        storage().devices().save(device("ab", Platform.IOS, ManagementChannel.EAS_MDM));
        List<DeviceFilter> filters = List.of(DeviceFilter.ALL,
                DeviceFilter.group(BuiltInGroup.ALL_DIRECT_MANAGED_DEVICES.id()),
                DeviceFilter.group(BuiltInGroup.ALL_COMPUTERS.id()),
                new DeviceFilter(null, BuiltInGroup.ALL_MOBILE_DEVICES.id(), null, Platform.IOS, null, null),
                new DeviceFilter(null, null, null, null, null, "a"));
        for (DeviceFilter f : filters) {
            assertThat(storage().devices().count(f)).as(f.toString()).isEqualTo(storage().devices().select(f).size());
        }
        assertThat(storage().devices().count(DeviceFilter.group(BuiltInGroup.ALL_DIRECT_MANAGED_DEVICES.id())))
                .isEqualTo(2);
    }

    @Test
    default void findAllReturnsTheUsersThatExist() {
        User ana = Fixtures.user("ana@example.com");
        User ben = Fixtures.user("ben@example.com");
        storage().users().save(ana);
        storage().users().save(ben);
        Map<UUID, User> found = storage().users().findAll(List.of(ana.id(), UUID.randomUUID(), ana.id()));
        assertThat(found).containsOnlyKeys(ana.id()).containsEntry(ana.id(), ana);
        assertThat(storage().users().findAll(List.of())).isEmpty();
    }

    @Test
    default void openOfGivesEachDevicesNewestOpenCommandOnly() {
        Device a = device("a");
        Device b = device("b");
        Device c = device("c");
        List.of(a, b, c).forEach(storage().devices()::save);
        var older = Fixtures.request("admin", "k1", List.of(a.id(), b.id()), at(0));
        storage().requests().create(older.request(), older.commands(), older.event());
        var newer = Fixtures.request("admin", "k2", List.of(a.id(), b.id()), at(10));
        List<Command> commands = new ArrayList<>(newer.commands());
        // b's newer command is already final: its pending one from the older request is what is open.
        commands.set(1, Fixtures.withState(commands.get(1), CommandState.NOT_SUPPORTED, ChannelKind.APPLE_MDM));
        var stored = newer.withCommands(commands);
        storage().requests().create(stored.request(), stored.commands(), stored.event());

        Map<UUID, Command> open = storage().history().openOf(List.of(a.id(), b.id(), c.id()));

        assertThat(open).containsOnlyKeys(a.id(), b.id());
        assertThat(open.get(a.id()).requestId()).isEqualTo(newer.request().id());
        assertThat(open.get(b.id()).requestId()).isEqualTo(older.request().id());
        assertThat(open.get(b.id()).state()).isEqualTo(CommandState.PENDING);
    }

    @Test
    default void auditFiltersByWhoWhatTargetAndTime() {
        storage().audit().append(new AuditEvent(UUID.randomUUID(), at(0), "ana", "x", "secret.reveal", "command",
                "c-1", "NEW_PIN"));
        storage().audit().append(new AuditEvent(UUID.randomUUID(), at(10), "ben", "x", "action.submit",
                "actionRequest", "r-1", "remoteLock for Device-42"));
        storage().audit().append(new AuditEvent(UUID.randomUUID(), at(20), "ana", "x", "action.submit",
                "actionRequest", "r-2", "wipe for 3 device(s)"));
        var audit = storage().audit();
        assertThat(audit.page(new AuditFilter("ana", null, null, null, null), null, 10).items())
                .extracting(AuditEvent::target).containsExactly("r-2", "c-1");
        assertThat(audit.page(new AuditFilter(null, "action.", null, null, null), null, 10).items())
                .extracting(AuditEvent::target).containsExactly("r-2", "r-1");
        assertThat(audit.page(new AuditFilter(null, null, "device-42", null, null), null, 10).items())
                .extracting(AuditEvent::target).containsExactly("r-1");
        assertThat(audit.page(new AuditFilter(null, null, null, at(5), at(20)), null, 10).items())
                .extracting(AuditEvent::target).containsExactly("r-1");
        assertThat(audit.page(new AuditFilter(null, "action_", null, null, null), null, 10).items())
                .as("wildcards are taken literally").isEmpty();
        var first = audit.page(new AuditFilter("ana", null, null, null, null), null, 1);
        assertThat(first.nextCursor()).isNotNull();
        assertThat(audit.page(new AuditFilter("ana", null, null, null, null), first.nextCursor(), 1).items())
                .extracting(AuditEvent::target).containsExactly("c-1");
    }
}
