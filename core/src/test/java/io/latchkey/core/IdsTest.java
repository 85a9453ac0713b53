package io.latchkey.core;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {
    @Test
    void version7WithRfc9562VariantAndTimePrefix() {
        long before = System.currentTimeMillis();
        UUID id = Ids.timeOrdered();
        long after = System.currentTimeMillis();
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void uniqueAndOrderedByCreationMillisecond() {
        Set<UUID> seen = new HashSet<>();
        long lastMillis = 0;
        for (int i = 0; i < 10_000; i++) {
            UUID id = Ids.timeOrdered();
            assertThat(seen.add(id)).isTrue();
            long millis = id.getMostSignificantBits() >>> 16;
            assertThat(millis).isGreaterThanOrEqualTo(lastMillis);
            lastMillis = millis;
        }
    }
}
