package io.latchkey.channel.windows.wns;

import io.latchkey.wake.Backoff;
import io.latchkey.wake.CircuitBreaker;
import io.latchkey.wake.WakeFeedback;
import io.latchkey.wake.WakeOutcome;
import io.latchkey.wake.WakeSender;
import io.latchkey.wake.WakeStats;
import io.latchkey.wake.WakeTransport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;

/**
 * Wakes Windows devices with a WNS raw notification to the channel URI each reported
 * (shared/reference/windows-mdm.md §5): {@code POST <ChannelURI>} with the bearer token,
 * {@code Content-Type: application/octet-stream}, {@code X-WNS-Type: wns/raw},
 * {@code X-WNS-Cache-Policy: cache} (kept while the device is offline). The payload is ignored by
 * the device ("raw push notifications don't … utilize payloads"); the push only makes it start an
 * OMA-DM session. 410 (and 404) mean the channel is gone: the owner re-reads it at the next session.
 * Queueing, pacing and retries are the {@link WakeSender}'s.
 */
public final class WnsPush implements AutoCloseable {
    private final WakeSender<WnsTarget> sender;

    private WnsPush(WakeSender<WnsTarget> sender) {
        this.sender = sender;
    }

    /** How long a notification may wait for WNS's answer; none in time counts as the service failing. */
    static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(20);

    public static WnsPush open(WnsSettings settings, WakeFeedback feedback, Clock clock) {
        return open(settings, feedback, clock, CircuitBreaker.Settings.DEFAULT);
    }

    /** As {@link #open(WnsSettings, WakeFeedback, Clock)}, with the circuit breaker's settings. */
    public static WnsPush open(WnsSettings settings, WakeFeedback feedback, Clock clock,
                               CircuitBreaker.Settings breaker) {
        return open(settings, feedback, clock, Backoff.DEFAULT, breaker, ANSWER_TIMEOUT);
    }

    static WnsPush open(WnsSettings settings, WakeFeedback feedback, Clock clock, Backoff backoff) {
        return open(settings, feedback, clock, backoff, CircuitBreaker.Settings.DEFAULT, ANSWER_TIMEOUT);
    }

    static WnsPush open(WnsSettings settings, WakeFeedback feedback, Clock clock, Backoff backoff,
                        CircuitBreaker.Settings breaker, Duration answerTimeout) {
        HttpClient http = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        Transport transport = new Transport(http, settings, new WnsAccessToken(http, settings, clock), answerTimeout);
        return new WnsPush(new WakeSender<>(transport, feedback, clock, settings.pushesPerSecond(),
                settings.maxInFlight(), settings.maxRetryAge(), backoff, breaker));
    }

    public void wake(Collection<WnsTarget> targets) {
        sender.wake(targets);
    }

    public WakeStats stats() {
        return sender.stats();
    }

    /** The circuit breaker in front of WNS. */
    public CircuitBreaker.Snapshot breaker() {
        return sender.breaker();
    }

    @Override
    public void close() {
        sender.close();
    }

    private record Transport(HttpClient http, WnsSettings settings, WnsAccessToken tokens, Duration answerTimeout)
            implements WakeTransport<WnsTarget> {
        private static final byte[] PAYLOAD = "latchkey".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

        @Override
        public String name() {
            return "WNS";
        }

        @Override
        public CompletableFuture<WakeOutcome> send(WnsTarget target) {
            URI channel;
            try {
                channel = URI.create(target.token());
            } catch (IllegalArgumentException e) {
                return CompletableFuture.completedFuture(new WakeOutcome.TokenInvalid(null, "not a URI"));
            }
            if (!settings.allows(channel)) {
                // A device reports its own channel URI: never let it aim the server elsewhere.
                return CompletableFuture.completedFuture(new WakeOutcome.TokenInvalid(null,
                        "the channel URI's host is not a WNS host"));
            }
            String bearer;
            try {
                bearer = tokens.get();
            } catch (Exception e) {
                return CompletableFuture.failedFuture(e);
            }
            HttpRequest request = HttpRequest.newBuilder(channel).timeout(answerTimeout)
                    .header("Authorization", "Bearer " + bearer)
                    .header("Content-Type", "application/octet-stream")
                    .header("X-WNS-Type", "wns/raw")
                    .header("X-WNS-Cache-Policy", "cache")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PAYLOAD)).build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(r -> outcome(r.statusCode(), r.headers().firstValue("X-WNS-Error-Description")
                            .orElse(""), bearer));
        }

        /** WNS response codes (Microsoft, "Push notification service request and response headers"). */
        private WakeOutcome outcome(int status, String description, String bearer) {
            String detail = status + (description.isEmpty() ? "" : " " + description);
            return switch (status) {
                case 200 -> new WakeOutcome.Accepted();
                case 404, 410 -> new WakeOutcome.TokenInvalid(null, detail);
                case 401, 403 -> {
                    tokens.invalidate(bearer);
                    yield new WakeOutcome.Retry(detail + " (access token refreshed)");
                }
                case 406, 429 -> new WakeOutcome.Retry(detail);
                // 5xx is WNS itself failing: the circuit breaker counts it.
                default -> status >= 500 ? new WakeOutcome.Unavailable(detail) : new WakeOutcome.Refused(detail);
            };
        }

        @Override
        public void close() {
            http.close();
        }
    }
}
