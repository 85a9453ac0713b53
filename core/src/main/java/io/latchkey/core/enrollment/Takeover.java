package io.latchkey.core.enrollment;

import io.latchkey.core.inventory.Device;

import java.util.Optional;
import java.util.UUID;

/**
 * Whether a new enrollment may take over the record of a device that already exists (same UDID or
 * Windows DeviceID). Re-enrolling one's own device (after an erase, a new profile, a reinstall) and
 * enrolling a device that has left management are fine; taking an enrolled device away from another
 * user is not: with any valid enrollment code and a known UDID, an insider could otherwise revoke the
 * real device's identity and stop a lock or wipe from reaching it (docs/security.md, weakness 3).
 */
public final class Takeover {
    private Takeover() {
    }

    /** Empty when allowed; otherwise why not, for the refusal the device gets and the log. */
    public static Optional<String> refusal(Optional<Device> existing, UUID enrollingUser) {
        return existing.filter(Device::enrolled)
                .filter(d -> d.enrollingUserId() != null && !d.enrollingUserId().equals(enrollingUser))
                .map(d -> "device " + d.id() + " is enrolled for another user: retire it before enrolling it for "
                        + "someone else");
    }
}
