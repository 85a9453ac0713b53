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
            try (PgWakeSignal a = db.storage().listenForWakeups(nodeA::add).orElseThrow();
                 PgWakeSignal b = db.storage().listenForWakeups(nodeB::add).orElseThrow();
                 PgWakeSignal other = elsewhere.storage().listenForWakeups(otherInstallation::add)
                         .orElseThrow()) {
                await(() -> a.listening() && b.listening() && other.listening());

                a.announce();

                await(() -> !nodeB.isEmpty() && !nodeA.isEmpty());
                assertThat(nodeA).as("its own news").containsOnly(false);
                assertThat(nodeB).as("another node's").containsOnly(true);
                Thread.sleep(500);
                assertThat(otherInstallation).isEmpty();
            }
        }
    }

    @Test
    void h2HasNoCrossNodeSignal() {
        try (TestDatabases.Database db = TestDatabases.h2()) {
            assertThat(db.storage().listenForWakeups(maybeElsewhere -> { })).isEmpty();
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
