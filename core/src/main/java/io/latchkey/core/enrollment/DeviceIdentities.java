package io.latchkey.core.enrollment;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage port: the device identity certificates the CA issued, by fingerprint. {@link #bind} is
 * the one that matters: an identity speaks for one device only, however many messages race to
 * bind it.
 */
public interface DeviceIdentities {

    /**
     * Records a certificate just issued.
     *
     * @throws io.latchkey.core.Rejected CONFLICT when an identity with this fingerprint is already recorded
     */
    void record(DeviceIdentity identity);

    /** The identity with this fingerprint, bound or not, revoked or not. */
    Optional<DeviceIdentity> findByFingerprint(String fingerprint);

    /**
     * Binds the identity to a device, once and atomically, and returns it bound. Binding it again
     * to the same device and external id changes nothing.
     *
     * @throws io.latchkey.core.Rejected NOT_FOUND when there is no identity with this fingerprint;
     *                                   CONFLICT when it is already bound to another device or external id
     */
    DeviceIdentity bind(String fingerprint, UUID deviceId, String externalId);

    /**
     * Revokes every unrevoked identity bound to {@code externalId} except {@code keep}: a device that
     * enrolled again speaks with its new certificate only. Returns how many were revoked.
     */
    int revokeOthers(String externalId, String keep, java.time.Instant at);

    /** Every identity issued to the user, oldest first. */
    List<DeviceIdentity> listForUser(UUID userId);
}
