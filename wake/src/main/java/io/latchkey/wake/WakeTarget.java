package io.latchkey.wake;

import java.util.UUID;

/**
 * Where one device is woken: the key pushes coalesce under, and the token (APNs device token, WNS
 * channel URI) a push service may declare dead. The rest of a target is the transport's business.
 */
public interface WakeTarget {
    UUID deviceId();

    String token();
}
