package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * The long-running Operation an issueCommand returns: {@code name} ends in {@code operations/{id}},
 * {@code metadata} holds the Command (without its newPassword: a password never travels back),
 * {@code done} with {@code error} (a google.rpc.Status, and the Command's {@code errorCode} in the
 * metadata) or {@code response} once the device acted or the command's duration passed.
 */
final class StandInOperation {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String COMMAND_TYPE = "type.googleapis.com/google.android.devicemanagement.v1.Command";

    private final String name;
    private final String deviceName;
    private final ObjectNode metadata;
    private final Instant expiresAt;
    private JsonNode toApply;
    private boolean done;
    private String errorCode;
    private boolean expired;

    StandInOperation(String name, String deviceName, JsonNode command, Instant createdAt, Instant expiresAt) {
        this.name = name;
        this.deviceName = deviceName;
        this.toApply = command;
        this.expiresAt = expiresAt;
        this.metadata = JSON.objectNode();
        metadata.put("@type", COMMAND_TYPE);
        command.fields().forEachRemaining(f -> {
            if (!f.getKey().equals("newPassword")) {
                metadata.set(f.getKey(), f.getValue());
            }
        });
        metadata.put("createTime", createdAt.toString());
        metadata.put("duration", (expiresAt.toEpochMilli() - createdAt.toEpochMilli()) / 1000.0 + "s");
    }

    String name() {
        return name;
    }

    String deviceName() {
        return deviceName;
    }

    /** The command to apply, once: null when it is done or already taken. */
    synchronized JsonNode take(Instant now) {
        expireIfDue(now);
        JsonNode c = toApply;
        toApply = null;
        return done ? null : c;
    }

    synchronized void finish(String failure) {
        done = true;
        errorCode = failure;
        toApply = null;
    }

    synchronized boolean done() {
        return done;
    }

    synchronized ObjectNode resource(Instant now) {
        expireIfDue(now);
        ObjectNode op = JSON.objectNode();
        op.put("name", name);
        ObjectNode meta = metadata.deepCopy();
        if (errorCode != null) {
            meta.put("errorCode", errorCode);
        }
        op.set("metadata", meta);
        op.put("done", done);
        if (done && expired) {
            ObjectNode error = op.putObject("error");
            error.put("code", 4);
            error.put("message", "The command expired before the device acknowledged it.");
        } else if (done && errorCode != null) {
            ObjectNode error = op.putObject("error");
            error.put("code", "INVALID_VALUE".equals(errorCode) ? 3 : "UNSUPPORTED".equals(errorCode) ? 12 : 9);
            error.put("message", "The device could not execute the command: " + errorCode);
        } else if (done) {
            op.putObject("response").put("@type", "type.googleapis.com/google.protobuf.Empty");
        }
        return op;
    }

    /** Command.duration: "The command will expire if not executed by the device during this time." */
    private void expireIfDue(Instant now) {
        if (!done && toApply != null && !now.isBefore(expiresAt)) {
            done = true;
            expired = true;
            toApply = null;
        }
    }
}
