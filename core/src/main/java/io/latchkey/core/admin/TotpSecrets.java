package io.latchkey.core.admin;

import java.util.Optional;
import java.util.UUID;

/** Storage port: each administrator's TOTP secret, sealed, and the last time step a code was accepted for. */
public interface TotpSecrets {

    /** The sealed secret, whether it was confirmed, and the last step used (-1 when none). */
    record Stored(UUID adminId, byte[] sealedSecret, boolean confirmed, long lastStep) {
    }

    /** Replaces any earlier secret of the administrator. */
    void put(UUID adminId, byte[] sealedSecret, boolean confirmed);

    Optional<Stored> find(UUID adminId);

    /** Marks a pending secret confirmed; false when there is none. */
    boolean confirm(UUID adminId);

    /**
     * Records that a code of this step was used, only if it is later than the last one used:
     * one conditional update, so two nodes cannot both accept the same code. False means replay.
     */
    boolean advance(UUID adminId, long step);

    void remove(UUID adminId);
}
