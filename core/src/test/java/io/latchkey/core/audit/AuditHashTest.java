package io.latchkey.core.audit;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AuditHashTest {
    private static final UUID ID = UUID.fromString("6f0c2a8e-1d7b-4c1e-9a77-2b8f0d3c5e11");
    private static final Instant AT = Instant.parse("2026-11-27T10:00:00.123456Z");

    private static AuditEvent event(String actor, String source, String target, String detail) {
        return new AuditEvent(ID, AT, actor, source, "action.submit", "device", target, detail);
    }

    @Test
    void sameEntrySameHashAndEveryInputCounts() {
        String h = AuditHash.of(AuditHash.GENESIS, 1, event("a", "s", "t", "d"));
        assertThat(h).hasSize(64).isEqualTo(AuditHash.of(AuditHash.GENESIS, 1, event("a", "s", "t", "d")));
        assertThat(AuditHash.of(AuditHash.GENESIS, 2, event("a", "s", "t", "d"))).isNotEqualTo(h);
        assertThat(AuditHash.of("1".repeat(64), 1, event("a", "s", "t", "d"))).isNotEqualTo(h);
        assertThat(AuditHash.of(AuditHash.GENESIS, 1, event("a", "s", "t", "e"))).isNotEqualTo(h);
        assertThat(AuditHash.of(AuditHash.GENESIS, 1, event("a", "s", null, "d"))).isNotEqualTo(h);
    }

    @Test
    void fieldBoundariesCannotBeShifted() {
        // "ab" + "c" and "a" + "bc" must not hash alike: each field carries its length.
        assertThat(AuditHash.of(AuditHash.GENESIS, 1, event("ab", "c", "t", "d")))
                .isNotEqualTo(AuditHash.of(AuditHash.GENESIS, 1, event("a", "bc", "t", "d")));
        // A missing target is not the text "null" nor an empty one.
        assertThat(AuditHash.of(AuditHash.GENESIS, 1, event("a", "s", null, "d")))
                .isNotEqualTo(AuditHash.of(AuditHash.GENESIS, 1, event("a", "s", "", "d")))
                .isNotEqualTo(AuditHash.of(AuditHash.GENESIS, 1, event("a", "s", "null", "d")));
    }

    @Test
    void timesCountInMicrosecondsAsTheDatabasesKeepThem() {
        AuditEvent nanos = new AuditEvent(ID, AT.plusNanos(999), "a", "s", "x", null, null, "d");
        AuditEvent micros = new AuditEvent(ID, AT, "a", "s", "x", null, null, "d");
        assertThat(AuditHash.of(AuditHash.GENESIS, 1, nanos)).isEqualTo(AuditHash.of(AuditHash.GENESIS, 1, micros));
        assertThat(AuditHash.stored(AT.plusNanos(999))).isEqualTo(AT);
    }
}
