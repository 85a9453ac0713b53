package io.latchkey.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Transition;
import io.latchkey.core.enrollment.CheckInLookup;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.latchkey.core.action.CommandState.PENDING;
import static io.latchkey.core.action.CommandState.SENT;
import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one read every device request starts with: the identity, its bound device as stored, and
 * whether that device has open commands. "Nothing open" lets a check-in skip the queue, so it must
 * never be said while a pending or sent command exists, whoever stored it.
 */
public interface CheckInLookupContract extends StorageFixture {

    private DeviceIdentity recordedIdentity(String der) {
        User owner = Fixtures.user("lookup-" + UUID.randomUUID() + "@example.com");
        storage().users().save(owner);
        DeviceIdentity i = DeviceIdentity.issued(der.getBytes(StandardCharsets.UTF_8), "5e1a1", owner.id(),
                ChannelKind.APPLE_MDM, at(0), at(86_400));
        storage().deviceIdentities().record(i);
        return i;
    }

    private Device boundDevice(DeviceIdentity i) {
        Device d = Fixtures.device("lookup-" + i.fingerprint().substring(0, 8));
        storage().devices().save(d);
        storage().deviceIdentities().bind(i.fingerprint(), d.id(), d.externalId());
        return d;
    }

    private Command pendingCommandFor(UUID deviceId, long t) {
        Fixtures.Submission s = Fixtures.request("admin", null, List.of(deviceId), at(t));
        Command c = Fixtures.withState(s.commands().get(0), PENDING, ChannelKind.APPLE_MDM);
        storage().requests().create(s.request(), List.of(c), s.event());
        return c;
    }

    private void move(Command c, CommandState from, CommandState to) {
        assertThat(storage().transitions().apply(new Transition(c.id(), Set.of(from), to, null, "t", at(1), null)))
                .isTrue();
    }

    private CheckInLookup.Facts facts(DeviceIdentity i) {
        return storage().checkInLookup().lookUp(i.fingerprint()).orElseThrow();
    }

    @Test
    default void anUnknownFingerprintFindsNothingAndAnUnboundIdentityHasNoDevice() {
        assertThat(storage().checkInLookup().lookUp(DeviceIdentity.fingerprint(new byte[0]))).isEmpty();
        DeviceIdentity unbound = recordedIdentity("lookup-unbound");
        CheckInLookup.Facts f = facts(unbound);
        assertThat(f.identity()).isEqualTo(unbound);
        assertThat(f.device()).isEmpty();
        assertThat(f.commandsOpen()).isFalse();
    }

    @Test
    default void aBoundIdentityComesWithItsDeviceAsStoredAndItsRevocation() {
        DeviceIdentity i = recordedIdentity("lookup-bound");
        Device d = boundDevice(i);
        CheckInLookup.Facts f = facts(i);
        assertThat(f.identity()).isEqualTo(storage().deviceIdentities().findByFingerprint(i.fingerprint()).orElseThrow());
        assertThat(f.device()).contains(storage().devices().find(d.id()).orElseThrow());

        storage().deviceIdentities().revokeOthers(d.externalId(), "", at(50));
        assertThat(facts(i).identity().revokedAt()).isEqualTo(at(50));
    }

    @Test
    default void commandsAreOpenWhilePendingOrSentAndNotOnceAnsweredOrForAnotherDevice() {
        DeviceIdentity i = recordedIdentity("lookup-open");
        Device d = boundDevice(i);
        DeviceIdentity other = recordedIdentity("lookup-other");
        Device otherDevice = boundDevice(other);
        pendingCommandFor(otherDevice.id(), 1);
        assertThat(facts(i).commandsOpen()).isFalse();

        Command c = pendingCommandFor(d.id(), 2);
        assertThat(facts(i).commandsOpen()).isTrue();
        move(c, PENDING, SENT);
        assertThat(facts(i).commandsOpen()).isTrue();
        move(c, SENT, CommandState.ACKNOWLEDGED);
        assertThat(facts(i).commandsOpen()).isFalse();
        assertThat(facts(other).commandsOpen()).isTrue();
    }

    /**
     * Another node stores a command (its own pool, its own connections) and the very next lookup
     * here sees it: there is no cache between the database and a check-in. On embedded H2 there is
     * only one process, so the "other node" is the same storage.
     */
    @Test
    default void aCommandStoredByAnotherNodeIsOpenAtTheNextLookup() {
        DeviceIdentity i = recordedIdentity("lookup-node");
        Device d = boundDevice(i);
        assertThat(facts(i).commandsOpen()).isFalse();
        if (vendor().equals("postgresql")) {
            HikariDataSource pool = (HikariDataSource) storage().dataSource();
            try (JdbcStorage otherNode = JdbcStorage.open(new JdbcStorage.Settings(pool.getJdbcUrl(),
                    pool.getUsername(), pool.getPassword(), 2))) {
                Fixtures.Submission s = Fixtures.request("admin", null, List.of(d.id()), at(3));
                otherNode.requests().create(s.request(),
                        List.of(Fixtures.withState(s.commands().get(0), PENDING, ChannelKind.APPLE_MDM)), s.event());
            }
        } else {
            pendingCommandFor(d.id(), 3);
        }
        assertThat(facts(i).commandsOpen()).isTrue();
    }
}
