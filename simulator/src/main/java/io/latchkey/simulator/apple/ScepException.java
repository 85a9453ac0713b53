package io.latchkey.simulator.apple;

/** A SCEP exchange that could not give the device a certificate: refused, malformed or unreachable. */
public final class ScepException extends RuntimeException {

    public ScepException(String message) {
        super(message);
    }

    public ScepException(String message, Throwable cause) {
        super(message, cause);
    }
}
