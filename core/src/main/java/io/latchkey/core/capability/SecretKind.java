package io.latchkey.core.capability;

/** A secret an action yields to the administrator (product spec section 3). */
public enum SecretKind {
    NONE,
    /** macOS DeviceLock: the 6-digit PIN that unlocks the Mac. */
    LOCK_PIN,
    /** Android RESET_PASSWORD: the temporary passcode the user types. */
    TEMPORARY_PASSCODE,
    /** Windows phone LockAndResetPIN: the new PIN read back from NewPINValue. */
    NEW_PIN
}
