package io.latchkey.channel.apple.push;

import com.eatthepath.pushy.apns.ApnsPushNotification;
import com.eatthepath.pushy.apns.PushNotificationResponse;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Apple's status codes and reasons, mapped to what the sender does with them. */
class VerdictTest {

    private record Answer(int status, String reason) implements PushNotificationResponse<ApnsPushNotification> {
        @Override
        public ApnsPushNotification getPushNotification() {
            return null;
        }

        @Override
        public boolean isAccepted() {
            return status == 200;
        }

        @Override
        public UUID getApnsId() {
            return new UUID(0, 1);
        }

        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Optional<String> getRejectionReason() {
            return Optional.ofNullable(reason);
        }

        @Override
        public Optional<Instant> getTokenInvalidationTimestamp() {
            return Optional.empty();
        }
    }

    @Test
    void maps_each_answer() {
        assertThat(Verdict.of(new Answer(200, null))).isEqualTo(Verdict.ACCEPTED);
        assertThat(Verdict.of(new Answer(410, "Unregistered"))).isEqualTo(Verdict.TOKEN_INVALID);
        assertThat(Verdict.of(new Answer(410, "ExpiredToken"))).isEqualTo(Verdict.TOKEN_INVALID);
        assertThat(Verdict.of(new Answer(400, "BadDeviceToken"))).isEqualTo(Verdict.TOKEN_INVALID);
        assertThat(Verdict.of(new Answer(400, "DeviceTokenNotForTopic"))).isEqualTo(Verdict.TOKEN_INVALID);
        assertThat(Verdict.of(new Answer(429, "TooManyRequests"))).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.of(new Answer(500, "InternalServerError"))).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.of(new Answer(503, "ServiceUnavailable"))).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.of(new Answer(503, "Shutdown"))).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.of(new Answer(403, "ExpiredProviderToken"))).isEqualTo(Verdict.RETRY);
        assertThat(Verdict.of(new Answer(400, "BadTopic"))).isEqualTo(Verdict.REJECTED);
        assertThat(Verdict.of(new Answer(400, "TopicDisallowed"))).isEqualTo(Verdict.REJECTED);
        assertThat(Verdict.of(new Answer(400, "MissingTopic"))).isEqualTo(Verdict.REJECTED);
        assertThat(Verdict.of(new Answer(403, "BadCertificate"))).isEqualTo(Verdict.REJECTED);
        assertThat(Verdict.of(new Answer(413, "PayloadTooLarge"))).isEqualTo(Verdict.REJECTED);
    }
}
