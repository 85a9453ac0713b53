package io.latchkey.core.action;

import io.latchkey.core.capability.Action;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One action for one device, with its own state (product spec section 6).
 *
 * @param channel the channel that carries it; null when the device has none (then notSupported)
 * @param detail  how it is done (the matrix's method) while open, the reason once failed or refused
 * @param options the request's options (lock message, phone number, wipe flags), shared by its commands
 */
public record Command(UUID id, UUID requestId, UUID deviceId, Action action, ChannelKind channel,
                      CommandState state, String detail, java.util.Map<String, String> options,
                      Instant createdAt, Instant updatedAt, Instant expiresAt) {
    public Command {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
        options = options == null ? java.util.Map.of() : java.util.Map.copyOf(options);
    }
}
