package io.latchkey.store.jdbc;

import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.SealedSecret;
import io.latchkey.core.action.Transition;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.enrollment.PushAddress;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static io.latchkey.store.jdbc.Fixtures.device;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a channel keeps about reaching a device (issue 3): push addresses, escrowed secrets, the
 * device leaving management, commands the device put off, secrets made before sending, and
 * identities revoked by a new enrollment.
 */
public interface DeviceReachContract extends StorageFixture {

    private Device saved(String name) {
        Device d = device(name);
        storage().devices().save(d);
        return d;
    }

    @Test
    default void aPushAddressIsReplacedByEachReportAndMarkedInvalidOnlyForItsOwnToken() {
        Device phone = saved("phone");
        Device other = saved("other");
        storage().pushAddresses().save(PushAddress.reported(phone.id(), ChannelKind.APPLE_MDM, "aa01", "magic-1",
                "com.apple.mgmt.External.x", at(1)));
        PushAddress newer = PushAddress.reported(phone.id(), ChannelKind.APPLE_MDM, "bb02", "magic-2",
                "com.apple.mgmt.External.x", at(2));
        storage().pushAddresses().save(newer);

        assertThat(storage().pushAddresses().find(phone.id())).contains(newer);
        assertThat(storage().pushAddresses().markInvalid(phone.id(), "aa01", at(3))).as("an old token").isFalse();
        assertThat(storage().pushAddresses().markInvalid(phone.id(), "bb02", at(4))).isTrue();
        assertThat(storage().pushAddresses().find(phone.id())).hasValueSatisfying(a -> {
            assertThat(a.valid()).isFalse();
            assertThat(a.invalidSince()).isEqualTo(at(4));
        });
        assertThat(storage().pushAddresses().findAll(List.of(phone.id(), other.id(), UUID.randomUUID())))
                .containsOnlyKeys(phone.id());
        assertThat(storage().pushAddresses().findAll(List.of())).isEmpty();

        storage().pushAddresses().save(newer);
        assertThat(storage().pushAddresses().find(phone.id())).hasValueSatisfying(a -> assertThat(a.valid()).isTrue());
    }

    @Test
    default void anEscrowedSecretIsKeptPerDeviceAndKindReplacedAndRemoved() {
        Device phone = saved("phone");
        byte[] sealed = {0, 1, 2, (byte) 0xff};
        storage().escrowedSecrets().put(phone.id(), "apple.unlockToken", sealed, at(1));
        storage().escrowedSecrets().put(phone.id(), "other", new byte[]{7}, at(1));
        assertThat(storage().escrowedSecrets().get(phone.id(), "apple.unlockToken")).hasValue(sealed);

        storage().escrowedSecrets().put(phone.id(), "apple.unlockToken", new byte[]{9, 9}, at(2));
        assertThat(storage().escrowedSecrets().get(phone.id(), "apple.unlockToken")).hasValue(new byte[]{9, 9});

        storage().escrowedSecrets().remove(phone.id(), "apple.unlockToken");
        assertThat(storage().escrowedSecrets().get(phone.id(), "apple.unlockToken")).isEmpty();
        assertThat(storage().escrowedSecrets().get(phone.id(), "other")).hasValue(new byte[]{7});
    }

    @Test
    default void aDeviceThatLeftManagementKeepsItsRecordTheTimeAndWhetherItWasSupervised() {
        Device phone = saved("phone");
        storage().devices().save(phone.withState(phone.state().withSupervised(true)).unenrolled(at(5)));

        assertThat(storage().devices().find(phone.id())).hasValueSatisfying(d -> {
            assertThat(d.enrolled()).isFalse();
            assertThat(d.unenrolledAt()).isEqualTo(at(5));
            assertThat(d.state().supervised()).isTrue();
        });
    }

    @Test
    default void onlyASentCommandIsDeferredAndItStaysDue() {
        Device phone = saved("phone");
        Fixtures.Submission s = Fixtures.request("admin", null, List.of(phone.id()), at(0));
        storage().requests().create(s.request(), s.commands(), s.event());
        Command c = s.commands().get(0);
        assertThat(storage().queue().deferred(c.id(), "not now", at(1))).as("still pending").isFalse();
        storage().transitions().apply(new Transition(c.id(), Set.of(CommandState.PENDING), CommandState.SENT, null,
                "apple", at(2), null));

        assertThat(storage().queue().deferred(c.id(), "not now", at(3))).isTrue();

        assertThat(storage().queue().dueFor(phone.id(), 5)).singleElement().satisfies(d -> {
            assertThat(d.state()).isEqualTo(CommandState.SENT);
            assertThat(d.detail()).isEqualTo("not now");
        });
        assertThat(storage().history().events(c.id())).hasSize(1);
    }

    @Test
    default void theFirstSecretKeptForACommandWins() {
        Fixtures.Submission s = Fixtures.request("admin", null, RequestsContract.deviceIds(1), at(0));
        storage().requests().create(s.request(), s.commands(), s.event());
        UUID id = s.commands().get(0).id();
        SealedSecret first = new SealedSecret("LOCK_PIN", new byte[]{1, 2, 3}, at(100));

        assertThat(storage().transitions().keepSecret(id, first)).isEqualTo(first);
        SealedSecret kept = storage().transitions().keepSecret(id, new SealedSecret("LOCK_PIN", new byte[]{4}, at(200)));

        assertThat(kept.ciphertext()).containsExactly(1, 2, 3);
        assertThat(storage().transitions().secret(id, at(1))).hasValueSatisfying(
                x -> assertThat(x.ciphertext()).containsExactly(1, 2, 3));
    }

    @Test
    default void aNewEnrollmentRevokesTheDevicesOtherIdentities() {
        User ana = Fixtures.user("ana@example.com");
        storage().users().save(ana);
        Device phone = saved("phone");
        DeviceIdentity old = DeviceIdentity.issued("old".getBytes(StandardCharsets.UTF_8), "01", ana.id(),
                ChannelKind.APPLE_MDM, at(0), at(1000));
        DeviceIdentity fresh = DeviceIdentity.issued("new".getBytes(StandardCharsets.UTF_8), "02", ana.id(),
                ChannelKind.APPLE_MDM, at(10), at(1000));
        storage().deviceIdentities().record(old);
        storage().deviceIdentities().record(fresh);
        storage().deviceIdentities().bind(old.fingerprint(), phone.id(), "UDID-1");
        storage().deviceIdentities().bind(fresh.fingerprint(), phone.id(), "UDID-1");

        assertThat(storage().deviceIdentities().revokeOthers("UDID-1", fresh.fingerprint(), at(20))).isEqualTo(1);
        assertThat(storage().deviceIdentities().revokeOthers("UDID-1", fresh.fingerprint(), at(30))).isZero();

        assertThat(storage().deviceIdentities().findByFingerprint(old.fingerprint()))
                .hasValueSatisfying(i -> assertThat(i.revokedAt()).isEqualTo(at(20)));
        assertThat(storage().deviceIdentities().findByFingerprint(fresh.fingerprint()))
                .hasValueSatisfying(i -> assertThat(i.revokedAt()).isNull());
    }

    @Test
    default void checkInsAreRecordedInABatchAndNeverMoveBack() {
        Device a = saved("a");
        Device b = saved("b");
        storage().devices().recordCheckIns(java.util.Map.of(a.id(), at(50), b.id(), at(10), UUID.randomUUID(), at(1)));
        storage().devices().recordCheckIns(java.util.Map.of(a.id(), at(20)));

        assertThat(storage().devices().find(a.id()).orElseThrow().lastCheckInAt()).isEqualTo(at(50));
        assertThat(storage().devices().find(b.id()).orElseThrow().lastCheckInAt()).isEqualTo(at(10));
        assertThat(storage().devices().page(io.latchkey.core.inventory.DeviceFilter.ALL,
                io.latchkey.core.inventory.DeviceSort.LAST_CHECK_IN, null, 10).items())
                .extracting(Device::name).containsExactly("b", "a");
    }

    @Test
    default void staleOpenCommandsOfLiveRequestsAreFoundOldestFirst() {
        Device a = saved("a");
        Device b = saved("b");
        Fixtures.Submission live = Fixtures.request("admin", null, List.of(a.id(), b.id()), at(0));
        storage().requests().create(live.request(), live.commands(), live.event());
        Fixtures.Submission over = Fixtures.request("admin", null, List.of(a.id()), at(0), at(50));
        storage().requests().create(over.request(), over.commands(), over.event());
        Command sentLater = live.commands().get(0);
        storage().transitions().apply(new Transition(sentLater.id(), Set.of(CommandState.PENDING), CommandState.SENT,
                null, "apple", at(40), null));

        assertThat(storage().queue().stale(at(30), at(60), 10)).extracting(Command::id)
                .as("the untouched one, created at 0; not the one sent at 40; not the expired request's")
                .containsExactly(live.commands().get(1).id());
        assertThat(storage().queue().stale(at(45), at(60), 10)).extracting(Command::id)
                .containsExactly(live.commands().get(1).id(), sentLater.id());
        assertThat(storage().queue().stale(at(45), at(60), 1)).hasSize(1);
    }

    @Test
    default void wireNumbersAreFoundPerDeviceSessionAndMessageAndPurgedByAge() {
        UUID device = UUID.randomUUID();
        UUID lock = UUID.randomUUID();
        UUID reset = UUID.randomUUID();
        storage().wireRefs().record(device, "1", 1, List.of(new io.latchkey.core.action.WireRef(3, reset, "Sequence"),
                new io.latchkey.core.action.WireRef(2, lock, "Exec"),
                new io.latchkey.core.action.WireRef(4, reset, "Exec")), at(0));
        storage().wireRefs().record(device, "1", 2, List.of(new io.latchkey.core.action.WireRef(2, lock, "Exec")),
                at(100));

        assertThat(storage().wireRefs().find(device, "1", 1)).extracting(io.latchkey.core.action.WireRef::cmdId)
                .containsExactly(2, 3, 4);
        assertThat(storage().wireRefs().find(device, "2", 1)).isEmpty();
        assertThat(storage().wireRefs().find(UUID.randomUUID(), "1", 1)).isEmpty();

        storage().wireRefs().record(device, "1", 1, List.of(new io.latchkey.core.action.WireRef(2, reset, "Get")),
                at(0));
        assertThat(storage().wireRefs().find(device, "1", 1)).singleElement()
                .satisfies(r -> assertThat(r.element()).isEqualTo("Get"));

        assertThat(storage().wireRefs().purge(at(50))).isEqualTo(1);
        assertThat(storage().wireRefs().find(device, "1", 2)).hasSize(1);
    }
}
