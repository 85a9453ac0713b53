package io.latchkey.channel.apple.push;

import com.eatthepath.pushy.apns.PushNotificationResponse;

import java.util.Set;

/**
 * What an APNs answer means for the wake that caused it. Status codes and reasons are Apple's
 * ("Handling notification responses from APNs",
 * https://developer.apple.com/documentation/usernotifications/handling-notification-responses-from-apns).
 */
enum Verdict {
    /** APNs took it; it will deliver (or store it while the device is offline). */
    ACCEPTED,
    /** The token is dead for this topic: tell the owner, never resend it. */
    TOKEN_INVALID,
    /** A passing condition: too many pushes to this device, APNs trouble, or an expired provider token. */
    RETRY,
    /** Any other refusal is a configuration or code error: sending it again would be refused again. */
    REJECTED;

    private static final Set<String> TOKEN_INVALID_REASONS =
            Set.of("Unregistered", "BadDeviceToken", "DeviceTokenNotForTopic");

    /** The answer as the wake sender reads it. */
    static io.latchkey.wake.WakeOutcome outcome(PushNotificationResponse<?> response) {
        String detail = response.getStatusCode() + " " + response.getRejectionReason().orElse("");
        return switch (of(response)) {
            case ACCEPTED -> new io.latchkey.wake.WakeOutcome.Accepted();
            case TOKEN_INVALID -> new io.latchkey.wake.WakeOutcome.TokenInvalid(
                    response.getTokenInvalidationTimestamp().orElse(null), detail);
            // 5xx is APNs itself failing (the circuit breaker counts it); 429 and an expired provider token are not.
            case RETRY -> response.getStatusCode() >= 500 ? new io.latchkey.wake.WakeOutcome.Unavailable(detail)
                    : new io.latchkey.wake.WakeOutcome.Retry(detail);
            case REJECTED -> new io.latchkey.wake.WakeOutcome.Refused(detail);
        };
    }

    static Verdict of(PushNotificationResponse<?> response) {
        if (response.isAccepted()) {
            return ACCEPTED;
        }
        int status = response.getStatusCode();
        String reason = response.getRejectionReason().orElse("");
        if (status == 410 || TOKEN_INVALID_REASONS.contains(reason)) {
            return TOKEN_INVALID;
        }
        // Pushy closes the connection on ExpiredProviderToken and signs a new token on the next one,
        // so a retry succeeds; with certificate credentials this reason does not occur.
        if (status == 429 || status >= 500 || reason.equals("ExpiredProviderToken")) {
            return RETRY;
        }
        return REJECTED;
    }
}
