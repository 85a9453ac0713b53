package io.latchkey.console.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class QrCodesTest {
    private static final Instant NOW = Instant.parse("2026-11-27T05:00:00Z");

    @Test
    void aQrCodeIsGivenOnlyToTheSessionThatIssuedItAndOnlyUntilItExpires() {
        MutableClock clock = new MutableClock(NOW);
        QrCodes codes = new QrCodes(clock);
        String handle = codes.hold("session-a", "{\"token\":1}", NOW.plus(Duration.ofHours(1)));

        assertThat(handle).matches("[0-9a-f]{36}");
        assertThat(codes.content(handle, "session-a")).hasValue("{\"token\":1}");
        assertThat(codes.content(handle, "session-b")).isEmpty();
        assertThat(codes.content("0".repeat(36), "session-a")).isEmpty();
        assertThat(codes.content(null, "session-a")).isEmpty();
        clock.now = NOW.plus(Duration.ofHours(1));
        assertThat(codes.content(handle, "session-a")).isEmpty();
    }

    @Test
    void handlesAreNotGuessableFromOneAnother() {
        QrCodes codes = new QrCodes(new MutableClock(NOW));
        String first = codes.hold("s", "a", NOW.plusSeconds(60));
        String second = codes.hold("s", "a", NOW.plusSeconds(60));
        assertThat(first).isNotEqualTo(second);
    }

    /** A hand-written clock the test moves. */
    private static final class MutableClock extends Clock {
        Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
