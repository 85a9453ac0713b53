package io.latchkey.channel.windows.syncml;

/**
 * The OMA-DM status codes Windows uses (reference §2.3: fleetdm/fleet
 * {@code server/mdm/microsoft/syncml/syncml.go}, MicrosoftDocs
 * {@code windows/client-management/oma-dm-protocol-support.md}). Meanings are paraphrased from
 * that page's status table.
 */
public final class StatusCode {
    /** The command completed successfully. */
    public static final int OK = 200;
    /** Accepted for processing, usually asynchronous (the README capture's Personalization Replace). */
    public static final int ACCEPTED = 202;
    /** Authentication accepted; only for the SyncHdr under OMA-DM authentication (reference §2.5). */
    public static final int AUTHENTICATION_ACCEPTED = 212;
    /** Operation cancelled: this command succeeded but no further command of the session runs. */
    public static final int OPERATION_CANCELLED = 214;
    /** Not executed: the user cancelled the command. */
    public static final int NOT_EXECUTED = 215;
    /** Atomic rolled back: the command was inside an Atomic that failed, and was undone. */
    public static final int ATOMIC_ROLLBACK_OK = 216;
    /** Bad request: malformed SyncML. */
    public static final int BAD_REQUEST = 400;
    /** Invalid credentials. */
    public static final int INVALID_CREDENTIALS = 401;
    /** Forbidden: understood, but refused. */
    public static final int FORBIDDEN = 403;
    /** Not found: the target node does not exist. */
    public static final int NOT_FOUND = 404;
    /**
     * Command not allowed, e.g. a write to a read-only node; RemoteLock/Lock answers it when no PIN
     * is set, which is not a failure to retry (reference §3.2).
     */
    public static final int COMMAND_NOT_ALLOWED = 405;
    /** Optional feature not supported by the CSP. */
    public static final int OPTIONAL_FEATURE_NOT_SUPPORTED = 406;
    /** Authentication required; only for the SyncHdr under OMA-DM authentication. */
    public static final int AUTHENTICATION_REQUIRED = 407;
    /** Unsupported type or format (also XML parsing or formatting errors). */
    public static final int UNSUPPORTED_MEDIA_TYPE = 415;
    /** Already exists: an Add of a node that exists. */
    public static final int ALREADY_EXISTS = 418;
    /** Permission denied by the node's access control list. */
    public static final int PERMISSION_DENIED = 425;
    /** Command failed: a generic failure (RemoteLock answers it on failure, reference §3.1). */
    public static final int COMMAND_FAILED = 500;
    /** Atomic failed: one operation of an Atomic failed (also a Get or a nested Atomic inside one, §2.3). */
    public static final int ATOMIC_FAILED = 507;
    /** Atomic rollback failed: an Atomic failed and could not be undone. */
    public static final int ATOMIC_ROLLBACK_FAILED = 516;

    private StatusCode() {
    }

    /** True for the 2xx codes: the command ran, was accepted, or was cleanly rolled back. */
    public static boolean isSuccess(int code) {
        return code >= 200 && code < 300;
    }

    /** A short English meaning for logs and the console; {@code "unknown status"} for other codes. */
    public static String meaning(int code) {
        return switch (code) {
            case OK -> "OK";
            case ACCEPTED -> "accepted for processing";
            case AUTHENTICATION_ACCEPTED -> "authentication accepted";
            case OPERATION_CANCELLED -> "operation cancelled";
            case NOT_EXECUTED -> "not executed (cancelled by the user)";
            case ATOMIC_ROLLBACK_OK -> "atomic rolled back";
            case BAD_REQUEST -> "bad request";
            case INVALID_CREDENTIALS -> "invalid credentials";
            case FORBIDDEN -> "forbidden";
            case NOT_FOUND -> "not found";
            case COMMAND_NOT_ALLOWED -> "command not allowed";
            case OPTIONAL_FEATURE_NOT_SUPPORTED -> "optional feature not supported";
            case AUTHENTICATION_REQUIRED -> "authentication required";
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported type or format";
            case ALREADY_EXISTS -> "already exists";
            case PERMISSION_DENIED -> "permission denied";
            case COMMAND_FAILED -> "command failed";
            case ATOMIC_FAILED -> "atomic failed";
            case ATOMIC_ROLLBACK_FAILED -> "atomic rollback failed";
            default -> "unknown status";
        };
    }
}
