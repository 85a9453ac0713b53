package io.latchkey.channel.windows.syncml;

/**
 * The alert codes of MS-MDM §2.2.7.2 and the Meta Types Windows sends with them (reference §2.3).
 */
public final class AlertCode {
    /** Server-initiated session. */
    public static final int SERVER_INITIATED = 1200;
    /** Client-initiated session: the first package of every session the device opens. */
    public static final int CLIENT_INITIATED = 1201;
    /** Next message: more of a large object follows. */
    public static final int NEXT_MESSAGE = 1222;
    /** Session abort. */
    public static final int SESSION_ABORT = 1223;
    /** Client event, e.g. {@link #LOGIN_STATUS} in the first package. */
    public static final int CLIENT_EVENT = 1224;
    /** No end of data. */
    public static final int NO_END_OF_DATA = 1225;
    /** Generic alert, e.g. {@link #UNENROLL_USER_REQUEST}. */
    public static final int GENERIC = 1226;

    /**
     * Meta Type of the 1224 alert; Data is {@code user} (the enrolled user is logged in),
     * {@code others} or {@code none}, and decides whether {@code ./User/...} targets are allowed.
     */
    public static final String LOGIN_STATUS = "com.microsoft/MDM/LoginStatus";

    /**
     * Meta Type of the 1226 alert the device sends, best effort, when its user unenrolls (Format
     * {@code int}, Data {@code 1}); the capture's session 2 carries one.
     */
    public static final String UNENROLL_USER_REQUEST = "com.microsoft:mdm.unenrollment.userrequest";

    private AlertCode() {
    }
}
