package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.EnrollmentCode;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

/** One-time enrollment codes: found by hash and channel, redeemed exactly once, purged after expiry. */
public interface EnrollmentCodesContract extends StorageFixture {

    private EnrollmentCode code(User owner, String secret, ChannelKind channel, long expiresAfter) {
        return new EnrollmentCode(EnrollmentCode.hash(secret), owner.id(), channel, at(0), at(expiresAfter), null);
    }

    private User savedUser(String upn) {
        User u = user(upn);
        storage().users().save(u);
        return u;
    }

    @Test
    default void aCodeIsRedeemedOnceAndThenShownAsUsed() {
        User ana = savedUser("ana@example.com");
        EnrollmentCode c = code(ana, "secret-1", ChannelKind.APPLE_MDM, 3600);
        storage().enrollmentCodes().save(c);
        assertThat(storage().enrollmentCodes().find(c.codeHash(), ChannelKind.APPLE_MDM)).contains(c);

        assertThat(storage().enrollmentCodes().redeem(c.codeHash(), ChannelKind.APPLE_MDM, at(10))).contains(ana.id());
        assertThat(storage().enrollmentCodes().redeem(c.codeHash(), ChannelKind.APPLE_MDM, at(11))).isEmpty();
        assertThat(storage().enrollmentCodes().find(c.codeHash(), ChannelKind.APPLE_MDM))
                .hasValueSatisfying(stored -> {
                    assertThat(stored.usedAt()).isEqualTo(at(10));
                    assertThat(stored.usableAt(at(12))).isFalse();
                });
    }

    @Test
    default void anExpiredUnknownOrOtherChannelCodeIsNotRedeemed() {
        User ana = savedUser("ana@example.com");
        EnrollmentCode c = code(ana, "secret-2", ChannelKind.APPLE_MDM, 60);
        storage().enrollmentCodes().save(c);

        assertThat(storage().enrollmentCodes().redeem(c.codeHash(), ChannelKind.WINDOWS_MDM, at(1))).isEmpty();
        assertThat(storage().enrollmentCodes().find(c.codeHash(), ChannelKind.WINDOWS_MDM)).isEmpty();
        assertThat(storage().enrollmentCodes().redeem(EnrollmentCode.hash("made-up"), ChannelKind.APPLE_MDM, at(1)))
                .isEmpty();
        assertThat(storage().enrollmentCodes().redeem(c.codeHash(), ChannelKind.APPLE_MDM, at(60))).isEmpty();
        assertThat(storage().enrollmentCodes().find(c.codeHash(), ChannelKind.APPLE_MDM).orElseThrow().usedAt()).isNull();
    }

    @Test
    default void aHashIsStoredOnce() {
        User ana = savedUser("ana@example.com");
        storage().enrollmentCodes().save(code(ana, "secret-3", ChannelKind.APPLE_MDM, 60));
        assertThatThrownBy(() -> storage().enrollmentCodes().save(code(ana, "secret-3", ChannelKind.APPLE_MDM, 90)))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
    }

    @Test
    default void ofTwoThreadsRedeemingTheSameCodeExactlyOneWins() throws Exception {
        User ana = savedUser("ana@example.com");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                EnrollmentCode c = code(ana, "race-" + round, ChannelKind.APPLE_MDM, 3600);
                storage().enrollmentCodes().save(c);
                CountDownLatch start = new CountDownLatch(1);
                Callable<Optional<UUID>> redeem = () -> {
                    start.await();
                    return storage().enrollmentCodes().redeem(c.codeHash(), ChannelKind.APPLE_MDM, at(5));
                };
                List<Future<Optional<UUID>>> both = new ArrayList<>(List.of(pool.submit(redeem), pool.submit(redeem)));
                start.countDown();
                long winners = 0;
                for (Future<Optional<UUID>> f : both) {
                    winners += f.get().isPresent() ? 1 : 0;
                }
                assertThat(winners).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    default void purgeDeletesExpiredCodesUsedOrNot() {
        User ana = savedUser("ana@example.com");
        EnrollmentCode early = code(ana, "early", ChannelKind.APPLE_MDM, 60);
        EnrollmentCode usedEarly = code(ana, "used-early", ChannelKind.WINDOWS_MDM, 60);
        EnrollmentCode late = code(ana, "late", ChannelKind.APPLE_MDM, 600);
        storage().enrollmentCodes().save(early);
        storage().enrollmentCodes().save(usedEarly);
        storage().enrollmentCodes().save(late);
        storage().enrollmentCodes().redeem(usedEarly.codeHash(), ChannelKind.WINDOWS_MDM, at(1));

        assertThat(storage().enrollmentCodes().purgeExpired(at(60))).isEqualTo(2);
        assertThat(storage().enrollmentCodes().find(early.codeHash(), ChannelKind.APPLE_MDM)).isEmpty();
        assertThat(storage().enrollmentCodes().find(late.codeHash(), ChannelKind.APPLE_MDM)).isPresent();
        assertThat(storage().enrollmentCodes().purgeExpired(at(60))).isZero();
    }
}
