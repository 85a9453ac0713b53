package io.latchkey.core.action;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A command handed to a cloud service that answers later (the Android Management API's
 * long-running operations): which command it is, the service's name for it once known, and the
 * secret the command carries, sealed and bound to the command id, until the service says the
 * device applied it. Only then does the secret become the command's revealable result.
 *
 * @param operationName null between the record and the service's answer
 * @param sealedSecret  null when the command carries no secret
 */
public record CloudOperation(UUID commandId, UUID deviceId, String operationName, byte[] sealedSecret,
                             Instant startedAt) {
    public CloudOperation {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(startedAt, "startedAt");
        sealedSecret = sealedSecret == null ? null : sealedSecret.clone();
    }

    @Override
    public byte[] sealedSecret() {
        return sealedSecret == null ? null : sealedSecret.clone();
    }

    @Override
    public String toString() {
        return "CloudOperation[" + commandId + ", " + operationName + (sealedSecret == null ? "" : ", sealed secret")
                + "]";
    }
}
