package io.latchkey.core.action;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage port: the commands a cloud channel handed to its service and still follows, so that a
 * notification or a poll reaching any node finds its command, and a restart loses no secret.
 */
public interface CloudOperations {

    /** Records the command before the service is called; replaces an earlier record of it. */
    void start(CloudOperation operation);

    /** The service named the operation (AMAPI: {@code enterprises/*}/devices/*}/operations/*}). */
    void named(UUID commandId, String operationName);

    /** The record of a command, or of the operation the service named. */
    Optional<CloudOperation> find(UUID commandId);

    Optional<CloudOperation> byName(String operationName);

    /** The device's records, named or not yet: whether an answer may be racing ahead of its name. */
    List<CloudOperation> ofDevice(UUID deviceId);

    /** Named operations started before {@code before}, oldest first: the ones to poll. */
    List<CloudOperation> unfinished(Instant before, int max);

    /** The command ended: its record (and any sealed secret in it) is dropped. */
    void finish(UUID commandId);
}
