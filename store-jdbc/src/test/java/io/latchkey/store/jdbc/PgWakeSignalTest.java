package io.latchkey.store.jdbc;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Cross-node wake-ups through LISTEN/NOTIFY, on the PostgreSQL test database (skipped loudly without it). */
class PgWakeSignalTest {

    @Test
    void anotherNodeHearsTheAnnouncementAndAnotherSchemaDoesNot() throws Exception {
        try (TestDatabases.Database db = TestDatabases.postgres();
             TestDatabases.Database elsewhere = TestDatabases.postgres()) {
            List<Boolean> nodeA = new CopyOnWriteArrayList<>();
            List<Boolean> nodeB = new CopyOnWriteArrayList<>();
            List<Boolean> otherInstallation = new CopyOnWriteArrayList<>();
            List<java.time.Instant> announcedAt = new CopyOnWriteArrayList<>();
            try (PgWakeSignal a = db.storage().listenForWakeups((e, at) -> nodeA.add(e)).orElseThrow();
                 PgWakeSignal b = db.storage().listenForWakeups((e, at) -> {
                     nodeB.add(e);
                     announcedAt.add(at);
                 }).orElseThrow();
                 PgWakeSignal other = elsewhere.storage().listenForWakeups((e, at) -> otherInstallation.add(e))
                         .orElseThrow()) {
                await(() -> a.listening() && b.listening() && other.listening());

                java.time.Instant before = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
                a.announce();

                await(() -> !nodeB.isEmpty() && !nodeA.isEmpty());
                assertThat(nodeA).as("its own news").containsOnly(false);
                assertThat(nodeB).as("another node's").containsOnly(true);
                assertThat(announcedAt).as("with the announcer's time").allSatisfy(at ->
                        assertThat(at).isBetween(before, java.time.Instant.now()));
                Thread.sleep(500);
                assertThat(otherInstallation).isEmpty();
            }
        }
    }

    @Test
    void h2HasNoCrossNodeSignal() {
        try (TestDatabases.Database db = TestDatabases.h2()) {
            assertThat(db.storage().listenForWakeups((elsewhere, at) -> { })).isEmpty();
        }
    }

    @Test
    void schemaNamesCannotBreakOutOfTheChannelIdentifier() {
        assertThat(PgWakeSignal.channelFor("lk\"; DROP TABLE command; --"))
                .isEqualTo("\"latchkey_due:lk\"\"; DROP TABLE command; --\"");
        assertThat(PgWakeSignal.channelFor(null)).isEqualTo("\"latchkey_due:public\"");
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within 10 s");
            }
            Thread.sleep(20);
        }
    }
}
