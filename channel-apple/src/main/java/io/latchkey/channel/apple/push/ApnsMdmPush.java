package io.latchkey.channel.apple.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.latchkey.wake.Backoff;
import io.latchkey.wake.CircuitBreaker;
import io.latchkey.wake.WakeOutcome;
import io.latchkey.wake.WakeSender;
import io.latchkey.wake.WakeStats;
import io.latchkey.wake.WakeTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends Apple's MDM push with Pushy: {@code POST /3/device/<token>}, push type {@code mdm}, topic the
 * device's {@code Topic}, payload exactly {@code {"mdm":"<PushMagic>"}} with no {@code aps} key
 * (shared/reference/apple-mdm.md §3, "The MDM push"). Queueing, pacing, retries and dead tokens are
 * the {@link WakeSender}'s; this class is the APNs transport and what APNs's answers mean
 * ({@link Verdict}: 410 {@code Unregistered} and 400 {@code BadDeviceToken} /
 * {@code DeviceTokenNotForTopic} are dead tokens; 429, 5xx and {@code ExpiredProviderToken} pass).
 */
public final class ApnsMdmPush implements MdmPush {
    private static final Logger log = LoggerFactory.getLogger(ApnsMdmPush.class);

    /**
     * How long APNs may store the push for an offline device. Devices do not poll: a stored push
     * is how an offline device learns of a command once it is back. Pushy's default, one day.
     */
    private static final Duration STORE_FOR = SimpleApnsPushNotification.DEFAULT_EXPIRATION_PERIOD;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long a push may wait for APNs' answer. Pushy has no such limit: a connection that stops
     * answering would hold the push (and its in-flight slot) until Pushy's idle ping gives up on it.
     */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    private final WakeSender<PushTarget> sender;

    /**
     * Opens a Pushy client for {@code settings} and starts sending. The first connection is made
     * lazily by Pushy, at the first push.
     *
     * @param clock the wall clock for push expirations, token-invalid times and retry ages
     * @throws IllegalArgumentException when the credentials or the pinned server certificate cannot be loaded
     */
    public static ApnsMdmPush open(ApnsSettings settings, PushFeedback feedback, Clock clock) {
        return open(settings, feedback, clock, CircuitBreaker.Settings.DEFAULT);
    }

    /** As {@link #open(ApnsSettings, PushFeedback, Clock)}, with the circuit breaker's settings. */
    public static ApnsMdmPush open(ApnsSettings settings, PushFeedback feedback, Clock clock,
                                   CircuitBreaker.Settings breaker) {
        return new ApnsMdmPush(ApnsClients.build(settings), feedback, clock, settings.pushesPerSecond(),
                settings.maxInFlight(), settings.maxRetryAge(), Backoff.DEFAULT, breaker, ANSWER_TIMEOUT);
    }

    /** Sends through an already-built client (tests: a client pinned to a mock server); closes it on {@link #close}. */
    ApnsMdmPush(ApnsClient client, PushFeedback feedback, Clock clock, int pushesPerSecond, int maxInFlight,
                Duration maxRetryAge, Backoff backoff) {
        this(client, feedback, clock, pushesPerSecond, maxInFlight, maxRetryAge, backoff,
                CircuitBreaker.Settings.DEFAULT, ANSWER_TIMEOUT);
    }

    ApnsMdmPush(ApnsClient client, PushFeedback feedback, Clock clock, int pushesPerSecond, int maxInFlight,
                Duration maxRetryAge, Backoff backoff, CircuitBreaker.Settings breaker, Duration answerTimeout) {
        this.sender = new WakeSender<>(new Transport(client, clock, answerTimeout), feedback, clock, pushesPerSecond,
                maxInFlight, maxRetryAge, backoff, breaker);
    }

    @Override
    public void wake(Collection<PushTarget> targets) {
        sender.wake(targets);
    }

    public PushStats stats() {
        WakeStats s = sender.stats();
        return new PushStats(s.accepted(), s.rejected(), s.retried(), s.dropped(), s.queued());
    }

    /** The circuit breaker in front of APNs. */
    public CircuitBreaker.Snapshot breaker() {
        return sender.breaker();
    }

    /** Stops sending, then closes the Pushy client, waiting up to 10 s for it. Queued wakes are lost. */
    @Override
    public void close() {
        sender.close();
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

    /** APNs through Pushy; answers come back on Netty's threads and are handed to the sender's. */
    private record Transport(ApnsClient client, Clock clock, Duration answerTimeout)
            implements WakeTransport<PushTarget> {
        @Override
        public String name() {
            return "APNs";
        }

        @Override
        public CompletableFuture<WakeOutcome> send(PushTarget target) {
            return client.sendNotification(new SimpleApnsPushNotification(target.token(), target.topic(),
                            payload(target.pushMagic()), clock.instant().plus(STORE_FOR), DeliveryPriority.IMMEDIATE,
                            PushType.MDM))
                    .thenApply(Verdict::outcome)
                    // No answer in time fails the future: the sender retries and its breaker counts it.
                    .orTimeout(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            try {
                // Pushy answers pushes still in flight before its close future completes.
                client.close().get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                log.warn("APNs client did not close cleanly within {}: {}", CLOSE_TIMEOUT, e.toString());
            }
        }
    }
}
