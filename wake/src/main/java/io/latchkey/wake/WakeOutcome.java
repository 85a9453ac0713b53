package io.latchkey.wake;

import java.time.Instant;

/** What a push service answered for one push, as far as waking the device is concerned. */
public sealed interface WakeOutcome {

    /** Taken: it will be delivered, or stored while the device is offline. */
    record Accepted() implements WakeOutcome {
    }

    /** The token is dead (APNs 410 Unregistered, WNS 410 channel expired): told to the owner, never resent. */
    record TokenInvalid(Instant since, String detail) implements WakeOutcome {
    }

    /**
     * A passing condition about this device (429: too many pushes to it; an expired provider token):
     * retried with backoff until the retry age runs out. The service is up.
     */
    record Retry(String detail) implements WakeOutcome {
    }

    /**
     * The service itself failed (5xx, shutting down): retried like {@link Retry}, and counted by the
     * circuit breaker, as is a push that got no answer at all.
     */
    record Unavailable(String detail) implements WakeOutcome {
    }

    /** Any other refusal is a configuration error: resending would be refused again. */
    record Refused(String detail) implements WakeOutcome {
    }
}
