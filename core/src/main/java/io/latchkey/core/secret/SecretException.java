package io.latchkey.core.secret;

/** A secret could not be opened; the message never contains secret material. */
public class SecretException extends RuntimeException {
    public SecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
