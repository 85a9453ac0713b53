package io.latchkey.core.eas;

import java.util.Optional;
import java.util.UUID;

/** Storage port: the gateway's device partnerships, one per EAS DeviceId. */
public interface EasPartnerships {

    /** Inserts or replaces the partnership of this EAS DeviceId. */
    void save(EasPartnership partnership);

    Optional<EasPartnership> find(String easDeviceId);

    /** The partnership whose device record is this one (an EAS or easMdm device), if any. */
    Optional<EasPartnership> ofDevice(UUID deviceId);

    /** Sets the access of the device's partnership; false when the device has none. */
    boolean setAccess(UUID deviceId, EasAccess access, java.time.Instant at);
}
