package io.latchkey.simulator.windows;

/** An enrollment that stopped at {@link #stage()}; the device stays unenrolled. */
public final class WindowsEnrollmentFailed extends RuntimeException {

    /** The step of MS-MDE2 enrollment (shared/reference/windows-mdm.md §1.1). */
    public enum Stage { DISCOVERY, POLICY, ENROLLMENT }

    private final Stage stage;

    public WindowsEnrollmentFailed(Stage stage, String message, Throwable cause) {
        super(stage + ": " + message, cause);
        this.stage = stage;
    }

    public Stage stage() {
        return stage;
    }
}
