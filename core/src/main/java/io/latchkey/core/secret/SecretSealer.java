package io.latchkey.core.secret;

/**
 * Encrypts secrets at rest (temporary passcodes, PINs, UnlockTokens). The associated data binds a
 * ciphertext to what it belongs to, so a sealed value copied onto another row does not open.
 */
public interface SecretSealer {

    byte[] seal(byte[] plaintext, byte[] associatedData);

    /** @throws SecretException when the ciphertext was altered, belongs elsewhere or the key is wrong */
    byte[] open(byte[] ciphertext, byte[] associatedData);
}
