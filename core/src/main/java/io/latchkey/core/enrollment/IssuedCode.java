package io.latchkey.core.enrollment;

import io.latchkey.core.action.ChannelKind;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A code just issued, the only time its value exists outside the device: it is shown once to the
 * administrator and never stored. {@link #toString()} leaves the value out so a log line cannot leak it.
 */
public record IssuedCode(String code, UUID userId, ChannelKind channel, Instant expiresAt) {

    public IssuedCode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedCode[user=" + userId + ", channel=" + channel + ", expiresAt=" + expiresAt + "]";
    }
}
