package io.latchkey.core.enrollment;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Storage port: one push address per device, replaced by each report (Apple TokenUpdate, WNS renewal). */
public interface PushAddresses {

    /** Stores the device's address, replacing the previous one (and clearing any invalidity). */
    void save(PushAddress address);

    Optional<PushAddress> find(UUID deviceId);

    /** The addresses of these devices that have one, by device id: one query per call, for a wake-up window. */
    Map<UUID, PushAddress> findAll(Collection<UUID> deviceIds);

    /**
     * The push service refused {@code token}: marks the address invalid, unless the device has
     * reported a newer token since (then the refusal is about an old one and changes nothing).
     */
    boolean markInvalid(UUID deviceId, String token, Instant since);
}
