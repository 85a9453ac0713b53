package io.latchkey.server.config;

import io.latchkey.wake.CircuitBreaker;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The push circuit breaker and the SIGTERM drain timeout. */
class FaultSettingsTest {

    @Test
    void defaults_are_twenty_failures_thirty_seconds_and_a_twenty_second_drain() {
        Settings s = SettingsLoader.load(Map.of(), null, Map.of());
        assertThat(s.pushBreaker()).isEqualTo(new CircuitBreaker.Settings(20, Duration.ofSeconds(30)));
        assertThat(s.pushBreaker()).isEqualTo(CircuitBreaker.Settings.DEFAULT);
        assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void flags_and_env_set_them_in_seconds() {
        Settings s = SettingsLoader.load(Map.of(Option.PUSH_BREAKER_COOLDOWN, "2s",
                Option.SHUTDOWN_DRAIN_TIMEOUT, "90s"), null, Map.of("LATCHKEY_PUSH_BREAKER_FAILURES", "5"));
        assertThat(s.pushBreaker()).isEqualTo(new CircuitBreaker.Settings(5, Duration.ofSeconds(2)));
        assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(s.toString()).contains("drainTimeout=PT1M30S");
    }

    @Test
    void out_of_range_values_are_all_reported_with_their_bounds() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(Map.of(
                Option.PUSH_BREAKER_FAILURES, "0", Option.PUSH_BREAKER_COOLDOWN, "2h",
                Option.SHUTDOWN_DRAIN_TIMEOUT, "0s"), null, Map.of()));
        assertThat(e.getMessage()).contains("push.breaker.failures must be a whole number from 1 to 100000",
                "push.breaker.cooldown must be between 1 second and 1 hour",
                "shutdown.drain.timeout must be between 1 second and 10 minutes");
    }

    @Test
    void the_existing_duration_bounds_read_as_before() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(Map.of(
                Option.REPUSH_AFTER, "5s"), null, Map.of()));
        assertThat(e.getMessage()).contains("repush.after must be between 10 seconds and 90 days");
        assertThat(SettingsLoader.load(Map.of(Option.REPUSH_AFTER, "15s"), null, Map.of()).repushAfter())
                .isEqualTo(java.time.Duration.ofSeconds(15));
    }
}
