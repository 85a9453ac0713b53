package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.latchkey.store.jdbc.Fixtures.at;
import static io.latchkey.store.jdbc.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issued device identities: recorded once, found by fingerprint, bound to exactly one device. */
public interface DeviceIdentitiesContract extends StorageFixture {

    private DeviceIdentity issued(User owner, String der, long issuedAfter) {
        return DeviceIdentity.issued(der.getBytes(StandardCharsets.UTF_8), "7b3f", owner.id(), ChannelKind.APPLE_MDM,
                at(issuedAfter), at(issuedAfter + 86_400));
    }

    private User savedUserForIdentities(String upn) {
        User u = user(upn);
        storage().users().save(u);
        return u;
    }

    private static void assertRejected(Runnable call, Rejected.Kind kind) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(kind));
    }

    @Test
    default void anIdentityIsRecordedOnceFoundByFingerprintAndListedForItsUser() {
        User ana = savedUserForIdentities("ana@example.com");
        User bo = savedUserForIdentities("bo@example.com");
        DeviceIdentity second = issued(ana, "cert-2", 20);
        DeviceIdentity first = issued(ana, "cert-1", 10);
        storage().deviceIdentities().record(second);
        storage().deviceIdentities().record(first);
        storage().deviceIdentities().record(issued(bo, "cert-3", 5));

        assertThat(storage().deviceIdentities().findByFingerprint(first.fingerprint())).contains(first);
        assertThat(storage().deviceIdentities().findByFingerprint(DeviceIdentity.fingerprint(new byte[0]))).isEmpty();
        assertThat(storage().deviceIdentities().listForUser(ana.id())).containsExactly(first, second);
        assertThat(storage().deviceIdentities().listForUser(UUID.randomUUID())).isEmpty();
        assertRejected(() -> storage().deviceIdentities().record(issued(ana, "cert-1", 30)), Rejected.Kind.CONFLICT);
    }

    @Test
    default void anIdentityIsBoundOnceTheSameBindingAgainIsANoOpAnotherIsAConflict() {
        User ana = savedUserForIdentities("ana@example.com");
        DeviceIdentity i = issued(ana, "cert-bind", 0);
        storage().deviceIdentities().record(i);
        UUID phone = UUID.randomUUID();

        DeviceIdentity bound = storage().deviceIdentities().bind(i.fingerprint(), phone, "UDID-PHONE");
        assertThat(bound).isEqualTo(i.boundTo(phone, "UDID-PHONE"));
        assertThat(storage().deviceIdentities().bind(i.fingerprint(), phone, "UDID-PHONE")).isEqualTo(bound);
        assertRejected(() -> storage().deviceIdentities().bind(i.fingerprint(), UUID.randomUUID(), "UDID-OTHER"),
                Rejected.Kind.CONFLICT);
        assertRejected(() -> storage().deviceIdentities().bind(i.fingerprint(), phone, "UDID-OTHER"),
                Rejected.Kind.CONFLICT);
        assertThat(storage().deviceIdentities().findByFingerprint(i.fingerprint())).contains(bound);
        assertRejected(() -> storage().deviceIdentities().bind(DeviceIdentity.fingerprint(new byte[0]), phone,
                "UDID-PHONE"), Rejected.Kind.NOT_FOUND);
    }

    @Test
    default void ofTwoThreadsBindingTheSameIdentityToDifferentDevicesExactlyOneWins() throws Exception {
        User ana = savedUserForIdentities("ana@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                DeviceIdentity i = issued(ana, "race-" + round, round);
                storage().deviceIdentities().record(i);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<UUID>> both = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    UUID device = UUID.randomUUID();
                    Callable<UUID> bind = () -> {
                        start.await();
                        try {
                            return storage().deviceIdentities().bind(i.fingerprint(), device, "UDID-" + device).deviceId();
                        } catch (Rejected r) {
                            assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT);
                            return null;
                        }
                    };
                    both.add(pool.submit(bind));
                }
                start.countDown();
                List<UUID> winners = new ArrayList<>();
                for (Future<UUID> f : both) {
                    UUID won = f.get();
                    if (won != null) {
                        winners.add(won);
                    }
                }
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(storage().deviceIdentities().findByFingerprint(i.fingerprint()).orElseThrow().deviceId())
                        .isEqualTo(winners.getFirst());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
