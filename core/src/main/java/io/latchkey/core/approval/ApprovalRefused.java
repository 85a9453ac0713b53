package io.latchkey.core.approval;

/**
 * An approval decision this administrator may not take. Surfaces answer 403 with {@link #code()}
 * as the error code, so scripts can tell a self-approval from a missing permission.
 */
public final class ApprovalRefused extends RuntimeException {
    /** The requester tried to approve or reject their own request. */
    public static final String SELF_APPROVAL = "selfApproval";
    /** The admin lacks APPROVE_ACTIONS or the action's own permission. */
    public static final String FORBIDDEN = "forbidden";
    /** Only the requester or an Administrator may cancel. */
    public static final String NOT_REQUESTER = "notRequester";

    private final String code;

    public ApprovalRefused(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
