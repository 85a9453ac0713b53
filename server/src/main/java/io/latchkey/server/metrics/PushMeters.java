package io.latchkey.server.metrics;

import io.latchkey.channel.apple.push.ApnsMdmPush;
import io.latchkey.channel.apple.push.PushStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToDoubleFunction;

/**
 * APNs push counters: {@code latchkey_apns_pushes_total{result}} (accepted, rejected, retried,
 * dropped) and {@code latchkey_apns_queued}. A rising dropped count means wake-ups are not reaching
 * devices (APNs down past the retry age, or a wrong certificate).
 */
public final class PushMeters {

    private PushMeters() {
    }

    public static void bind(ApnsMdmPush push, MeterRegistry registry) {
        counter(registry, push, "accepted", s -> s.accepted());
        counter(registry, push, "rejected", s -> s.rejected());
        counter(registry, push, "retried", s -> s.retried());
        counter(registry, push, "dropped", s -> s.dropped());
        Gauge.builder("latchkey.apns.queued", push, p -> p.stats().queued())
                .description("Apple devices waiting for a wake-up push").register(registry);
    }

    private static void counter(MeterRegistry registry, ApnsMdmPush push, String result,
                                ToDoubleFunction<PushStats> value) {
        FunctionCounter.builder("latchkey.apns.pushes", push, p -> value.applyAsDouble(p.stats()))
                .description("APNs pushes by outcome").tag("result", result).register(registry);
    }
}
