package io.latchkey.core.capability;

/**
 * What the matrix says of one action on one device. A conditional cell always resolves to one of
 * these against the device's current data; {@link Supported#condition()} then names the condition
 * that held so the administrator sees why.
 */
public sealed interface Decision {

    boolean supported();

    /** Supported: {@code method} says how (the protocol command), {@code condition} is null if unconditional. */
    record Supported(String method, String condition, SecretKind secret) implements Decision {
        @Override
        public boolean supported() {
            return true;
        }
    }

    /** Not supported, with the reason shown to the administrator. */
    record NotSupported(String reason) implements Decision {
        @Override
        public boolean supported() {
            return false;
        }
    }
}
