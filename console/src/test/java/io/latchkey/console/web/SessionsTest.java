package io.latchkey.console.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SessionsTest {
    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-27T08:00:00Z"));
    private final Clock clock = new Clock() {
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
            return now.get();
        }
    };

    @Test
    void aSessionHasItsOwnUnguessableIdAndCsrfToken() {
        Sessions sessions = new Sessions(clock);
        ConsoleSession a = sessions.open("admin");
        ConsoleSession b = sessions.open("admin");
        assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrf()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(a.csrf()).isNotEqualTo(b.csrf());
        assertThat(sessions.find(a.id())).contains(a);
        assertThat(a.toString()).doesNotContain(a.id()).doesNotContain(a.csrf());
    }

    @Test
    void idleAndOldSessionsEndAndSignOutEndsOne() {
        Sessions sessions = new Sessions(clock);
        ConsoleSession a = sessions.open("admin");
        now.set(now.get().plus(Sessions.IDLE).plusSeconds(1));
        assertThat(sessions.find(a.id())).isEmpty();

        ConsoleSession b = sessions.open("admin");
        for (int i = 0; i < 13; i++) {
            now.set(now.get().plus(Duration.ofMinutes(59)));
            sessions.find(b.id());
        }
        assertThat(sessions.find(b.id())).as("12 h after sign-in, however active").isEmpty();

        ConsoleSession c = sessions.open("admin");
        sessions.close(c.id());
        assertThat(sessions.find(c.id())).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void tokensCompareOnlyWhenEqualAndPresent() {
        assertThat(Guard.same("abc", "abc")).isTrue();
        assertThat(Guard.same("abc", "abd")).isFalse();
        assertThat(Guard.same(null, "abc")).isFalse();
        assertThat(Guard.same("", "")).isFalse();
    }
}
