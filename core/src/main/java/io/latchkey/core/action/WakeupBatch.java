package io.latchkey.core.action;

import java.util.List;
import java.util.UUID;

/**
 * A leased window of one request's commands, by their position in the request
 * ({@code fromSeq} inclusive to {@code toSeq} exclusive), with those of them still pending. Marking
 * it done moves the request's wake-up cursor past the window in one row update, which is what
 * lets a 100,000-device request be handed out at tens of thousands of commands a second.
 */
public record WakeupBatch(UUID requestId, int fromSeq, int toSeq, List<Command> commands) {
    public WakeupBatch {
        if (fromSeq < 0 || toSeq <= fromSeq) {
            throw new IllegalArgumentException("empty or negative window " + fromSeq + ".." + toSeq);
        }
        commands = List.copyOf(commands);
    }
}
