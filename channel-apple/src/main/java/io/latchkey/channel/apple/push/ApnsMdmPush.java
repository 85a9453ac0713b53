package io.latchkey.channel.apple.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends Apple's MDM push with Pushy: {@code POST /3/device/<token>}, push type {@code mdm}, topic the
 * device's {@code Topic}, payload exactly {@code {"mdm":"<PushMagic>"}} with no {@code aps} key
 * (docs/reference apple-mdm.md §3, "The MDM push").
 *
 * <p>{@link #wake} only queues ({@link PushQueue}). One virtual thread drains the queue, at most
 * {@code pushesPerSecond} a second and with at most {@code maxInFlight} pushes awaiting an answer;
 * one thread is enough because Pushy's send is asynchronous. Answers are handled on virtual
 * threads, off Netty's event loop, since {@link PushFeedback} may write to storage:
 * <ul>
 *   <li>accepted: counted;</li>
 *   <li>410 {@code Unregistered}, 400 {@code BadDeviceToken} / {@code DeviceTokenNotForTopic}:
 *       {@link PushFeedback#tokenInvalid}, never retried;</li>
 *   <li>429, 5xx, or no answer at all (connection failure): retried with {@link Backoff#APNS}
 *       until {@code maxRetryAge} after the first attempt, then dropped with a WARN;</li>
 *   <li>any other refusal: a WARN once per reason, not retried.</li>
 * </ul>
 * Logs name the device id; the push magic is never logged and a token at most by its first 8 characters.
 */
public final class ApnsMdmPush implements MdmPush {

    private static final Logger log = LoggerFactory.getLogger(ApnsMdmPush.class);

    /**
     * How long APNs may store the push for an offline device. Devices do not poll: a stored push
     * is how an offline device learns of a command once it is back. Pushy's default, one day.
     */
    private static final Duration STORE_FOR = SimpleApnsPushNotification.DEFAULT_EXPIRATION_PERIOD;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final ApnsClient client;
    private final PushFeedback feedback;
    private final Clock clock;
    private final Duration maxRetryAge;
    private final Backoff backoff;
    private final PushQueue queue = new PushQueue(System::nanoTime);
    private final TokenBucket bucket;
    private final Semaphore inFlight;
    private final ExecutorService answers = Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("apns-answer-", 0).factory());
    private final Thread worker;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Set<String> warnedOnce = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Opens a Pushy client for {@code settings} and starts sending. The first connection is made
     * lazily by Pushy, at the first push.
     *
     * @param clock the wall clock for push expirations, token-invalid times and retry ages (waits use
     *              {@code System.nanoTime})
     *
     * @throws IllegalArgumentException when the credentials or the pinned server certificate cannot be loaded
     */
    public static ApnsMdmPush open(ApnsSettings settings, PushFeedback feedback, Clock clock) {
        return new ApnsMdmPush(ApnsClients.build(settings), feedback, clock, settings.pushesPerSecond(),
                settings.maxInFlight(), settings.maxRetryAge(), Backoff.APNS);
    }

    /** Sends through an already-built client (tests: a client pinned to a mock server); closes it on {@link #close}. */
    ApnsMdmPush(ApnsClient client, PushFeedback feedback, Clock clock, int pushesPerSecond, int maxInFlight,
                Duration maxRetryAge, Backoff backoff) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.client = Objects.requireNonNull(client, "client");
        this.feedback = Objects.requireNonNull(feedback, "feedback");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRetryAge = Objects.requireNonNull(maxRetryAge, "maxRetryAge");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.bucket = new TokenBucket(pushesPerSecond, System::nanoTime);
        this.inFlight = new Semaphore(maxInFlight);
        this.worker = Thread.ofVirtual().name("apns-push").start(this::drain);
    }

    @Override
    public void wake(Collection<PushTarget> targets) {
        Objects.requireNonNull(targets, "targets");
        if (closed.get()) {
            log.debug("APNs push is closed; ignoring a wake of {} device(s)", targets.size());
            return;
        }
        for (PushTarget target : targets) {
            queue.offer(Objects.requireNonNull(target, "target"));
        }
    }

    public PushStats stats() {
        return new PushStats(accepted.get(), rejected.get(), retried.get(), dropped.get(), queue.size());
    }

    /** Stops the worker, then closes the Pushy client, waiting up to 10 s for it. Queued wakes are lost. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        worker.interrupt();
        try {
            if (!worker.join(CLOSE_TIMEOUT)) {
                log.warn("APNs push worker did not stop within {}", CLOSE_TIMEOUT);
            }
            // Pushy answers pushes still in flight before its close future completes.
            client.close().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("APNs client did not close cleanly within {}: {}", CLOSE_TIMEOUT, e.toString());
        } finally {
            answers.shutdown();
        }
    }

    private void drain() {
        while (!closed.get()) {
            try {
                inFlight.acquire();
                PushQueue.Attempt attempt;
                try {
                    bucket.acquire();
                    attempt = queue.take();
                } catch (InterruptedException | RuntimeException e) {
                    inFlight.release();
                    throw e;
                }
                send(attempt);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.error("APNs push worker: unexpected failure; continuing", e);
            }
        }
    }

    /** Hands the push to Pushy; from here on the answer handler owns the in-flight permit. */
    private void send(PushQueue.Attempt attempt) {
        PushTarget target = attempt.target();
        Instant now = clock.instant();
        PushQueue.Attempt sent = new PushQueue.Attempt(target,
                attempt.firstAttempt() != null ? attempt.firstAttempt() : now, attempt.failures());
        CompletableFuture<? extends PushNotificationResponse<?>> answer;
        try {
            answer = client.sendNotification(new SimpleApnsPushNotification(target.token(), target.topic(),
                    payload(target.pushMagic()), now.plus(STORE_FOR), DeliveryPriority.IMMEDIATE, PushType.MDM));
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenCompleteAsync((response, failure) -> {
            try {
                answered(sent, response, failure);
            } catch (RuntimeException e) {
                log.error("APNs push to device {}: failed to handle the answer", target.deviceId(), e);
            } finally {
                inFlight.release();
            }
        }, answers);
    }

    private void answered(PushQueue.Attempt sent, PushNotificationResponse<?> response, Throwable failure) {
        PushTarget target = sent.target();
        if (failure != null) {
            warnOnce(failure.getClass().getName(), "No answer from APNs ({}); retrying with backoff"
                    + " (first seen for device {})", failure, target.deviceId());
            retryOrDrop(sent, failure.toString());
            return;
        }
        String reason = response.getRejectionReason().orElse("");
        switch (Verdict.of(response)) {
            case ACCEPTED -> {
                accepted.incrementAndGet();
                queue.finish(target.deviceId(), null);
            }
            case TOKEN_INVALID -> {
                rejected.incrementAndGet();
                queue.finish(target.deviceId(), target.token());
                Instant since = response.getTokenInvalidationTimestamp().orElseGet(clock::instant);
                log.info("APNs: token {} of device {} is no longer valid ({} {})",
                        target.shortToken(), target.deviceId(), response.getStatusCode(), reason);
                try {
                    feedback.tokenInvalid(target.deviceId(), target.token(), since);
                } catch (RuntimeException e) {
                    log.warn("Push feedback failed for device {}", target.deviceId(), e);
                }
            }
            case RETRY -> retryOrDrop(sent, response.getStatusCode() + " " + reason);
            case REJECTED -> {
                rejected.incrementAndGet();
                queue.finish(target.deviceId(), null);
                warnOnce("reason:" + reason, "APNs refused a push to device {}: {} {} (not retried; check the"
                        + " push certificate and topic)", target.deviceId(), response.getStatusCode(), reason);
            }
        }
    }

    private void retryOrDrop(PushQueue.Attempt sent, String why) {
        int failures = sent.failures() + 1;
        Duration delay = backoff.delay(failures, ThreadLocalRandom.current());
        Duration age = Duration.between(sent.firstAttempt(), clock.instant());
        // Give up now rather than sleep past the limit: the next attempt would already be too old.
        boolean expired = age.plus(delay).compareTo(maxRetryAge) > 0;
        PushQueue.Attempt failed = new PushQueue.Attempt(sent.target(), sent.firstAttempt(), failures);
        if (queue.afterFailure(failed, expired, delay.toNanos())) {
            retried.incrementAndGet();
            log.debug("APNs push to device {} failed ({}); retry in {}", sent.target().deviceId(), why, delay);
        } else {
            dropped.incrementAndGet();
            log.warn("APNs push to device {} dropped after {} attempt(s) over {} (max retry age {}): {}",
                    sent.target().deviceId(), failures, age, maxRetryAge, why);
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

    /** {@code {"mdm":"<PushMagic>"}}, JSON-escaped; Apple: "Don't include an aps key". */
    static String payload(String pushMagic) {
        StringBuilder json = new StringBuilder(pushMagic.length() + 12).append("{\"mdm\":\"");
        for (int i = 0; i < pushMagic.length(); i++) {
            char c = pushMagic.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append("\"}").toString();
    }
}
