package io.latchkey.wake;

import java.util.concurrent.CompletableFuture;

/**
 * One push service (APNs, WNS): sends one push and tells what came of it. The future fails when no
 * answer came at all (a connection failure), which the sender treats as passing.
 */
public interface WakeTransport<T extends WakeTarget> extends AutoCloseable {

    /** For logs: "APNs", "WNS". */
    String name();

    CompletableFuture<WakeOutcome> send(T target);

    @Override
    void close();
}
