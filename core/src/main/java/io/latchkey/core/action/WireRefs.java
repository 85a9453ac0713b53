package io.latchkey.core.action;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Storage port: the numbers a channel gave its commands on the wire, per device, session and
 * message, so that the answer, which may reach another node, finds its command.
 */
public interface WireRefs {

    /** Remembers the numbers of one message the server sent. Recording the same message again replaces it. */
    void record(UUID deviceId, String sessionId, int msgId, List<WireRef> refs, Instant at);

    /** The numbers of that message, in CmdID order; empty when unknown (another server's, or purged). */
    List<WireRef> find(UUID deviceId, String sessionId, int msgId);

    /** Forgets numbers recorded before {@code before}: sessions last minutes, not days. Returns how many. */
    int purge(Instant before);
}
