package io.latchkey.core.inventory;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers when devices were last heard from and writes it in batches ({@link #flush}, called
 * by a timer), so a device polling with nothing to do costs no database write. A crash loses at
 * most one interval of "last seen" times, never a command or an answer.
 */
public final class CheckInRecorder {
    private final Devices devices;
    private final Clock clock;
    private volatile Map<UUID, Instant> pending = new ConcurrentHashMap<>();

    public CheckInRecorder(Devices devices, Clock clock) {
        this.devices = devices;
        this.clock = clock;
    }

    /** The device was heard from now. */
    public void heardFrom(UUID deviceId) {
        pending.merge(deviceId, clock.instant(), (a, b) -> a.isAfter(b) ? a : b);
    }

    /** Writes what was heard since the last flush; returns how many devices. */
    public int flush() {
        Map<UUID, Instant> batch = pending;
        if (batch.isEmpty()) {
            return 0;
        }
        pending = new ConcurrentHashMap<>();
        devices.recordCheckIns(Map.copyOf(batch));
        return batch.size();
    }
}
