package io.latchkey.server.metrics;

import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Commands by state and the queue depth (pending commands), read from the database at most once per
 * {@code maxAge}: counting is a grouped scan, and a scrape every few seconds from several
 * Prometheus servers must not turn into as many scans.
 */
public final class DomainMeters {
    private static final Logger LOG = LoggerFactory.getLogger(DomainMeters.class);

    private final CommandHistory history;
    private final Clock clock;
    private final Duration maxAge;
    private final ReentrantLock lock = new ReentrantLock();
    private Map<CommandState, Long> counts = Map.of();
    private Instant readAt = Instant.MIN;

    public DomainMeters(CommandHistory history, Clock clock, Duration maxAge) {
        this.history = history;
        this.clock = clock;
        this.maxAge = maxAge;
    }

    public void bindTo(MeterRegistry registry) {
        for (CommandState state : CommandState.values()) {
            Gauge.builder("latchkey.commands", this, m -> m.count(state))
                    .strongReference(true)
                    .tag("state", state.wireName())
                    .description("Commands in each state")
                    .register(registry);
        }
        Gauge.builder("latchkey.queue.depth", this, m -> m.count(CommandState.PENDING))
                .strongReference(true)
                .description("Commands waiting for their device (pending)")
                .register(registry);
    }

    double count(CommandState state) {
        return snapshot().getOrDefault(state, 0L);
    }

    private Map<CommandState, Long> snapshot() {
        lock.lock();
        try {
            Instant now = clock.instant();
            if (readAt.plus(maxAge).isBefore(now)) {
                try {
                    counts = new EnumMap<>(history.countByState(null));
                } catch (RuntimeException e) {
                    // Keep the last figures: a scrape must not fail because the database blinked.
                    LOG.warn("cannot count commands for metrics: {}", e.getMessage());
                }
                readAt = now;
            }
            return counts;
        } finally {
            lock.unlock();
        }
    }
}
