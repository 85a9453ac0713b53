package io.latchkey.core.enrollment;

import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;

import java.util.Optional;

/**
 * Storage port: what a device's request needs to know before anything else, read in one go: the
 * identity its certificate is recorded as, the device that identity is bound to, and whether that
 * device has open commands at all. A device polling with nothing due (the common case: an Idle
 * check-in) is then answered after this one read, instead of an identity read, a device read and
 * a queue read. {@link #lookUp} reads the store every time; {@link #recall} may answer from memory
 * ({@link CheckInCache}) for a request that changes nothing.
 */
public interface CheckInLookup {

    /** The identity with this fingerprint (revoked or not), with its device and open-command flag. */
    Optional<Facts> lookUp(String fingerprint);

    /**
     * As {@link #lookUp}, but may answer from memory when the device was last read with nothing
     * open: for an Idle report only, whose answer is then empty. Facts with {@code commandsOpen}
     * true always come from the store. This default reads the store.
     */
    default Optional<Facts> recall(String fingerprint) {
        return lookUp(fingerprint);
    }

    /**
     * @param identity     as recorded
     * @param device       the device the identity is bound to, empty when unbound or the record is gone
     * @param commandsOpen whether the device has pending or sent commands; false means the queue
     *                     may be skipped, true only that it must be asked
     * @param remembered   answered from memory, not read from the store for this request
     */
    record Facts(DeviceIdentity identity, Optional<Device> device, boolean commandsOpen, boolean remembered) {

        /** Facts read from the store now. */
        public Facts(DeviceIdentity identity, Optional<Device> device, boolean commandsOpen) {
            this(identity, device, commandsOpen, false);
        }

        /** The same facts, as a cache hands them out later. */
        public Facts fromMemory() {
            return new Facts(identity, device, commandsOpen, true);
        }
    }

    /**
     * The same facts from the separate ports, for stores without a combined read (and the tests'
     * in-memory ones). It always says commands may be open, so callers ask the queue as before.
     */
    static CheckInLookup of(DeviceIdentities identities, Devices devices) {
        return fingerprint -> identities.findByFingerprint(fingerprint).map(i -> new Facts(i,
                i.bound() ? devices.find(i.deviceId()) : Optional.empty(), true));
    }
}
