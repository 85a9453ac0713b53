package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.Operation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * What an AMAPI Operation says about its command: still pending, succeeded, failed with a reason
 * an administrator can read, or expired (its {@code duration} passed before the device ran it).
 */
sealed interface Outcome {
    record Pending() implements Outcome {
    }

    record Succeeded() implements Outcome {
    }

    record Failed(String reason) implements Outcome {
    }

    record Expired() implements Outcome {
    }

    /** google.rpc.Code DEADLINE_EXCEEDED. */
    int DEADLINE_EXCEEDED = 4;

    static Outcome of(Operation op, Instant now) {
        Map<String, Object> command = op.getMetadata() == null ? Map.of() : op.getMetadata();
        Object errorCode = command.get("errorCode");
        if (Boolean.TRUE.equals(op.getDone())) {
            if (op.getError() == null && errorCode == null) {
                return new Succeeded();
            }
            if (errorCode != null) {
                return new Failed(reason(errorCode.toString()));
            }
            if (op.getError().getCode() != null && op.getError().getCode() == DEADLINE_EXCEEDED) {
                return new Expired();
            }
            return new Failed("the Android Management API reports the command failed: "
                    + op.getError().getMessage());
        }
        Instant expiresAt = expiry(command);
        return expiresAt != null && now.isAfter(expiresAt) ? new Expired() : new Pending();
    }

    /** Command.errorCode values (https://developers.google.com/android/management/reference/rest/v1/enterprises.devices/issueCommand#CommandErrorCode). */
    static String reason(String errorCode) {
        return switch (errorCode) {
            case "API_LEVEL" -> "the device's Android version is too old for this command (AMAPI error API_LEVEL)";
            case "MANAGEMENT_MODE" -> "the device's management mode does not allow this command: a work profile on a "
                    + "personal device, or a mode without the needed owner rights (AMAPI error MANAGEMENT_MODE)";
            case "INVALID_VALUE" -> "the device refused the value: the temporary passcode does not meet the device's "
                    + "password rules (Android 14 needs at least 6 digits, the policy may need more) "
                    + "(AMAPI error INVALID_VALUE)";
            case "UNSUPPORTED" -> "the device does not support this command (AMAPI error UNSUPPORTED)";
            default -> "the device could not run the command and gave no reason (AMAPI error " + errorCode + ")";
        };
    }

    /** createTime + duration of the Command in the metadata, or null when either is missing. */
    private static Instant expiry(Map<String, Object> command) {
        Object created = command.get("createTime");
        Object duration = command.get("duration");
        if (created == null || duration == null) {
            return null;
        }
        try {
            return Instant.parse(created.toString()).plus(durationOf(duration.toString()));
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** Google's Duration JSON: decimal seconds with an "s" suffix. */
    static Duration durationOf(String text) {
        String s = text.endsWith("s") ? text.substring(0, text.length() - 1) : text;
        return Duration.ofMillis((long) (Double.parseDouble(s) * 1000));
    }
}
