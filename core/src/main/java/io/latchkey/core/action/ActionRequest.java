package io.latchkey.core.action;

import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * An administrator's request: one action for a set of devices (product spec section 3).
 *
 * @param fingerprint   identifies the request's content, so a reused idempotency key with another
 *                      content is refused instead of silently answered with the old request
 * @param deviceCount   how many commands it created
 * @param notSupported  how many of those were refused by the capability matrix
 */
public record ActionRequest(UUID id, Action action, DeviceFilter target, Map<String, String> options,
                           String requestedBy, String requestedFrom, String idempotencyKey, String fingerprint,
                           Instant createdAt, Instant expiresAt, int deviceCount, int notSupported) {
    public ActionRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
