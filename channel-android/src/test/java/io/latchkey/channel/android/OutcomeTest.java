package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.Operation;
import com.google.api.services.androidmanagement.v1.model.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How an AMAPI Operation reads as a command outcome. */
class OutcomeTest {
    private static final Instant NOW = Instant.parse("2026-11-27T03:00:00Z");

    private static Map<String, Object> command(String created, String duration) {
        Map<String, Object> m = new HashMap<>();
        m.put("@type", "type.googleapis.com/google.android.devicemanagement.v1.Command");
        m.put("type", "RESET_PASSWORD");
        m.put("createTime", created);
        m.put("duration", duration);
        return m;
    }

    @Test
    void anOperationNotDoneIsPendingUntilItsDurationPassed() {
        Operation op = new Operation().setName("x").setDone(false)
                .setMetadata(command("2026-11-27T02:59:00Z", "600s"));
        assertThat(Outcome.of(op, NOW)).isInstanceOf(Outcome.Pending.class);
        assertThat(Outcome.of(op.setMetadata(command("2026-11-27T02:40:00Z", "600s")), NOW))
                .isInstanceOf(Outcome.Expired.class);
        assertThat(Outcome.of(new Operation().setDone(false), NOW)).isInstanceOf(Outcome.Pending.class);
    }

    @Test
    void doneWithoutErrorSucceededAndAnErrorCodeGivesAReadableReason() {
        assertThat(Outcome.of(new Operation().setDone(true).setMetadata(command("2026-11-27T02:59:00Z", "1.5s")), NOW))
                .isInstanceOf(Outcome.Succeeded.class);
        Map<String, Object> failed = command("2026-11-27T02:59:00Z", "600s");
        failed.put("errorCode", "INVALID_VALUE");
        assertThat(Outcome.of(new Operation().setDone(true).setMetadata(failed)
                .setError(new Status().setCode(3).setMessage("x")), NOW))
                .isEqualTo(new Outcome.Failed(Outcome.reason("INVALID_VALUE")));
        assertThat(Outcome.reason("API_LEVEL")).contains("too old");
        assertThat(Outcome.reason("MANAGEMENT_MODE")).contains("management mode");
        assertThat(Outcome.reason("UNSUPPORTED")).contains("does not support");
        assertThat(Outcome.reason("UNKNOWN")).contains("gave no reason");
    }

    @Test
    void deadlineExceededWithoutAnErrorCodeIsExpired() {
        assertThat(Outcome.of(new Operation().setDone(true).setError(new Status().setCode(4)), NOW))
                .isInstanceOf(Outcome.Expired.class);
        assertThat(Outcome.of(new Operation().setDone(true).setError(new Status().setCode(13).setMessage("boom")), NOW))
                .isEqualTo(new Outcome.Failed("the Android Management API reports the command failed: boom"));
    }
}
