package io.latchkey.server.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A readiness check with a deadline: a database that does not answer makes the pool wait for its
 * connection timeout, and a probe that hangs that long is as bad as a wrong answer.
 */
final class Readiness {
    private final BooleanSupplier check;
    private final Duration deadline;

    Readiness(BooleanSupplier check, Duration deadline) {
        this.check = check;
        this.deadline = deadline;
    }

    boolean ready() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread.ofVirtual().name("readiness").start(() -> {
            try {
                result.complete(check.getAsBoolean());
            } catch (RuntimeException e) {
                result.complete(false);
            }
        });
        try {
            return result.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
