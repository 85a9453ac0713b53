package io.latchkey.channel.apple.mdm;

import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.core.enrollment.CheckInCache;
import io.latchkey.core.enrollment.CheckInLookup;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static io.latchkey.channel.apple.mdm.AppleCommandSessionTest.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint's use of the check-in cache: facts recalled from memory answer an Idle report only;
 * any other report is identified afresh from the store. Here the cache is not told of a revocation
 * (in the server {@code ForgetOnChange} tells it), so the difference shows.
 */
class RecalledFactsTest {
    private static final String IPAD_UDID = "663b07bb783e9ade1dae4fbb92ea12afc0ce5b69";

    private final AtomicReference<CheckInCache> cache = new AtomicReference<>();
    private final java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    /** The in-memory lookup says "commands open" always; this one says nothing is, so the cache keeps. */
    private final AppleDeviceHarness h = new AppleDeviceHarness(real -> {
        cache.set(new CheckInCache(fp -> {
            reads.incrementAndGet();
            return real.lookUp(fp).map(f -> new CheckInLookup.Facts(f.identity(), f.device(), false));
        }, () -> true, 10, Duration.ofMinutes(1), java.time.Clock.systemUTC()));
        return cache.get();
    });
    private final X509Certificate ipadId = h.enrolledIdentity(UUID.randomUUID());

    @Test
    void anIdleReportMayBeAnsweredFromMemoryButAnyOtherReportIsIdentifiedAfresh() {
        h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), ipadId);
        h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), ipadId);
        assertThat(idle().status()).isEqualTo(200);
        assertThat(cache.get().size()).as("the quiet device is kept").isEqualTo(1);

        h.identities.revokeOthers(IPAD_UDID, "", h.engine.clock.instant());

        assertThat(idle().status()).as("Idle: from memory, not told of the revocation").isEqualTo(200);
        MdmAnswer ack = h.report(report(IPAD_UDID, "Acknowledged", UUID.randomUUID().toString(), ""), ipadId);
        assertThat(ack.status()).as("a report read afresh sees the revocation").isEqualTo(403);

        cache.get().forgetAll();
        assertThat(idle().status()).as("once forgotten, Idle is read afresh too").isEqualTo(403);
    }

    @Test
    void aReportOfAQuietDeviceNotInMemoryIsReadFromTheStoreOnce() {
        h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), ipadId);
        h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), ipadId);
        cache.get().forgetAll();
        reads.set(0);

        h.report(report(IPAD_UDID, "Acknowledged", UUID.randomUUID().toString(), ""), ipadId);
        assertThat(reads.get()).as("facts read for this report are fresh: not read again").isEqualTo(1);
        h.report(report(IPAD_UDID, "Acknowledged", UUID.randomUUID().toString(), ""), ipadId);
        assertThat(reads.get()).as("facts recalled from memory are read afresh").isEqualTo(2);
    }

    private MdmAnswer idle() {
        return h.report(report(IPAD_UDID, "Idle", null, ""), ipadId);
    }
}
