package io.latchkey.wake;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Wakes devices through one push service. {@link #wake} only queues ({@link WakeQueue}: one waiting
 * push per device, the newest target). One virtual thread drains the queue, at most
 * {@code pushesPerSecond} a second and with at most {@code maxInFlight} pushes awaiting an answer;
 * answers are handled on virtual threads, since {@link WakeFeedback} may write to storage:
 * accepted is counted; a dead token goes to the feedback and is never retried; a passing failure
 * (429, 5xx, no answer) is retried with backoff until {@code maxRetryAge} after the first attempt,
 * then dropped with a WARN; any other refusal is a WARN once per reason. A {@link CircuitBreaker} stops
 * all sending while the service itself is down (a run of 5xx or unanswered pushes) and probes it after
 * a cool-down; while it is not closed no wake is given up for age. Logs name the device id,
 * never the push secret, and a token at most by its first 8 characters.
 */
public final class WakeSender<T extends WakeTarget> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WakeSender.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** Longest nap between asking an open breaker again: keeps close() and test clocks responsive. */
    private static final long BREAKER_NAP_NANOS = Duration.ofMillis(100).toNanos();

    private final WakeTransport<T> transport;
    private final WakeFeedback feedback;
    private final Clock clock;
    private final Duration maxRetryAge;
    private final Backoff backoff;
    private final WakeQueue<T> queue;
    private final TokenBucket bucket;
    private final CircuitBreaker breaker;
    private final Semaphore inFlight;
    private final ExecutorService answers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("wake-answer-", 0).factory());
    private final Thread worker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<String> warnedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    public WakeSender(WakeTransport<T> transport, WakeFeedback feedback, Clock clock, int pushesPerSecond,
                      int maxInFlight, Duration maxRetryAge, Backoff backoff) {
        this(transport, feedback, clock, pushesPerSecond, maxInFlight, maxRetryAge, backoff,
                CircuitBreaker.Settings.DEFAULT);
    }

    public WakeSender(WakeTransport<T> transport, WakeFeedback feedback, Clock clock, int pushesPerSecond,
                      int maxInFlight, Duration maxRetryAge, Backoff backoff, CircuitBreaker.Settings breaker) {
        this(transport, feedback, clock, pushesPerSecond, maxInFlight, maxRetryAge, backoff, breaker,
                System::nanoTime);
    }

    /** @param nanoTime the monotonic time of the queue's retries, the rate limit and the breaker's cool-down */
    WakeSender(WakeTransport<T> transport, WakeFeedback feedback, Clock clock, int pushesPerSecond,
               int maxInFlight, Duration maxRetryAge, Backoff backoff, CircuitBreaker.Settings breaker,
               java.util.function.LongSupplier nanoTime) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.transport = Objects.requireNonNull(transport, "transport");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRetryAge = Objects.requireNonNull(maxRetryAge, "maxRetryAge");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.queue = new WakeQueue<>(nanoTime);
        this.bucket = new TokenBucket(pushesPerSecond, nanoTime);
        this.breaker = new CircuitBreaker(transport.name(), breaker, nanoTime);
        this.inFlight = new Semaphore(maxInFlight);
        this.worker = Thread.ofVirtual().name("wake-" + transport.name()).start(this::drain);
    }

    /** Queues a wake for each target; a device already queued keeps one push, with the newest target. */
    public void wake(Collection<T> targets) {
        Objects.requireNonNull(targets, "targets");
        if (closed.get()) {
            log.debug("{} push is closed; ignoring a wake of {} device(s)", transport.name(), targets.size());
            return;
        }
        for (T target : targets) {
            queue.offer(Objects.requireNonNull(target, "target"));
        }
    }

    public WakeStats stats() {
        return new WakeStats(accepted.get(), rejected.get(), retried.get(), dropped.get(), queue.size());
    }

    /** The circuit breaker's state and openings, for metrics. */
    public CircuitBreaker.Snapshot breaker() {
        return breaker.snapshot();
    }

    /** Stops the worker, then closes the transport. Queued wakes are lost. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        worker.interrupt();
        try {
            if (!worker.join(CLOSE_TIMEOUT)) {
                log.warn("{} push worker did not stop within {}", transport.name(), CLOSE_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            transport.close();
            answers.shutdown();
        }
    }

    private void drain() {
        while (!closed.get()) {
            try {
                inFlight.acquire();
                WakeQueue.Attempt<T> attempt;
                try {
                    bucket.acquire();
                    awaitBreaker();
                    attempt = queue.take();
                } catch (InterruptedException | RuntimeException e) {
                    inFlight.release();
                    throw e;
                }
                send(attempt);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("{} push worker: unexpected failure; continuing", transport.name(), e);
            }
        }
    }

    /** Waits while the breaker is open, or half-open with its probe in flight. */
    private void awaitBreaker() throws InterruptedException {
        long wait;
        while ((wait = breaker.permit()) > 0) {
            java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.min(wait, BREAKER_NAP_NANOS));
        }
    }

    /** Hands the push to the transport; from here on the answer handler owns the in-flight permit. */
    private void send(WakeQueue.Attempt<T> attempt) {
        T target = attempt.target();
        Instant now = clock.instant();
        WakeQueue.Attempt<T> sent = new WakeQueue.Attempt<>(target,
                attempt.firstAttempt() != null ? attempt.firstAttempt() : now, attempt.failures());
        CompletableFuture<WakeOutcome> answer;
        try {
            answer = transport.send(target);
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((outcome, failure) -> {
            try {
                answered(sent, outcome, failure);
            } catch (RuntimeException e) {
                log.error("{} push to device {}: failed to handle the answer", transport.name(), target.deviceId(), e);
            } finally {
                inFlight.release();
            }
        }, answers);
    }

    private void answered(WakeQueue.Attempt<T> sent, WakeOutcome outcome, Throwable failure) {
        T target = sent.target();
        if (failure != null) {
            breaker.serviceFailed("no answer: " + failure);
            warnOnce(failure.getClass().getName(), "No answer from {} ({}); retrying with backoff (first seen for "
                    + "device {})", transport.name(), failure, target.deviceId());
            retryOrDrop(sent, failure.toString());
            return;
        }
        if (outcome instanceof WakeOutcome.Unavailable unavailable) {
            breaker.serviceFailed(unavailable.detail());
        } else {
            breaker.serviceAnswered();
        }
        switch (outcome) {
            case WakeOutcome.Accepted a -> {
                accepted.incrementAndGet();
                queue.finish(target.deviceId(), null);
            }
            case WakeOutcome.TokenInvalid invalid -> {
                rejected.incrementAndGet();
                queue.finish(target.deviceId(), target.token());
                log.info("{}: the token {}… of device {} is no longer valid ({})", transport.name(),
                        target.token().substring(0, Math.min(8, target.token().length())), target.deviceId(),
                        invalid.detail());
                try {
                    feedback.tokenInvalid(target.deviceId(), target.token(),
                            invalid.since() != null ? invalid.since() : clock.instant());
                } catch (RuntimeException e) {
                    log.warn("{} push feedback failed for device {}", transport.name(), target.deviceId(), e);
                }
            }
            case WakeOutcome.Retry retry -> retryOrDrop(sent, retry.detail());
            case WakeOutcome.Unavailable unavailable -> retryOrDrop(sent, unavailable.detail());
            case WakeOutcome.Refused refused -> {
                rejected.incrementAndGet();
                queue.finish(target.deviceId(), null);
                warnOnce("reason:" + refused.detail(), "{} refused a push to device {}: {} (not retried; check the "
                        + "push credentials)", transport.name(), target.deviceId(), refused.detail());
            }
        }
    }

    private void retryOrDrop(WakeQueue.Attempt<T> sent, String why) {
        int failures = sent.failures() + 1;
        Duration delay = backoff.delay(failures, ThreadLocalRandom.current());
        Duration age = Duration.between(sent.firstAttempt(), clock.instant());
        // Give up now rather than sleep past the limit: the next attempt would already be too old. Not
        // while the breaker is open: the wake waits for the service to return, not for its own turn.
        boolean expired = age.plus(delay).compareTo(maxRetryAge) > 0
                && breaker.snapshot().state() == CircuitBreaker.State.CLOSED;
        WakeQueue.Attempt<T> failed = new WakeQueue.Attempt<>(sent.target(), sent.firstAttempt(), failures);
        if (queue.afterFailure(failed, expired, delay.toNanos())) {
            retried.incrementAndGet();
            log.debug("{} push to device {} failed ({}); retry in {}", transport.name(), sent.target().deviceId(),
                    why, delay);
        } else {
            dropped.incrementAndGet();
            log.warn("{} push to device {} dropped after {} attempt(s) over {} (max retry age {}): {}",
                    transport.name(), sent.target().deviceId(), failures, age, maxRetryAge, why);
        }
    }

    /** WARN the first time for {@code key}, DEBUG afterwards: one bad setting must not flood the log. */
    private void warnOnce(String key, String format, Object... args) {
        if (warnedOnce.add(key)) {
            log.warn(format, args);
        } else {
            log.debug(format, args);
        }
    }
}
