package io.latchkey.simulator.windows;

/**
 * Who is signed in on the device when a session starts, reported in Alert 1224
 * {@code com.microsoft/MDM/LoginStatus} (shared/reference/windows-mdm.md §2.3).
 */
public enum CurrentUser {
    /** The user who enrolled the device: LoginStatus {@code user}. */
    ENROLLED_USER("user"),
    /** Someone else: LoginStatus {@code others}; Windows 8.1 then runs in machine mode (§4). */
    OTHER_USER("others"),
    /** Nobody: LoginStatus {@code none}. */
    NOBODY("none");

    private final String loginStatus;

    CurrentUser(String loginStatus) {
        this.loginStatus = loginStatus;
    }

    public String loginStatus() {
        return loginStatus;
    }
}
