package io.latchkey.core.action;

import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;

import java.time.Duration;
import java.util.Map;

/**
 * What an administrator asks: an action, which devices, its options, an idempotency key (may be
 * null) and a time to live (null for the default).
 */
public record ActionSubmission(Action action, DeviceFilter target, Map<String, String> options,
                               String idempotencyKey, Duration timeToLive) {
}
