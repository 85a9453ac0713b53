package io.latchkey.server.metrics;

import io.latchkey.core.enrollment.CheckInCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The check-in cache: {@code latchkey_checkin_cache_devices} (quiet devices kept now) and
 * {@code latchkey_checkin_cache_answers_total} (Idle reports answered from memory). A count that
 * stays near zero while devices check in means the cache is not used: on PostgreSQL, a node whose
 * LISTEN connection is down keeps nothing.
 */
public final class CheckInCacheMeters {

    private CheckInCacheMeters() {
    }

    /** @param cache held by the application (Micrometer holds it weakly) */
    public static void bind(CheckInCache cache, MeterRegistry registry) {
        Gauge.builder("latchkey.checkin.cache.devices", cache, CheckInCache::size)
                .description("Quiet devices whose Idle answer is kept in memory").register(registry);
        FunctionCounter.builder("latchkey.checkin.cache.answers", cache, CheckInCache::answeredFromMemory)
                .description("Idle check-ins answered from memory").register(registry);
    }
}
