package io.latchkey.simulator.apple;

/** An enrollment that stopped at {@link #stage()}; the device stays unenrolled. */
public final class EnrollmentFailed extends RuntimeException {

    public enum Stage { PROFILE, SCEP, AUTHENTICATE, TOKEN_UPDATE }

    private final Stage stage;

    public EnrollmentFailed(Stage stage, String message, Throwable cause) {
        super(stage + ": " + message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
