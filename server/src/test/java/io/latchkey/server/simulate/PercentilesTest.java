package io.latchkey.server.simulate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PercentilesTest {

    @Test
    void nearest_rank_of_one_to_a_hundred() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[99 - i] = i + 1; // unsorted on purpose
        }
        Percentiles p = Percentiles.of(values);
        assertThat(p).isEqualTo(new Percentiles(100, 50, 90, 99, 100));
    }

    @Test
    void one_value_is_every_percentile_and_none_prints_dashes() {
        assertThat(Percentiles.of(new long[]{1234})).isEqualTo(new Percentiles(1, 1234, 1234, 1234, 1234));
        assertThat(Percentiles.of(new long[]{1234}).row("x")).contains("1.234 s");
        assertThat(Percentiles.of(new long[0]).row("x")).contains(" - ").doesNotContain(" s ");
    }
}
