package io.latchkey.core.testing;

import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A channel that records every batch it is handed, and throws on demand (a push service that is down). */
public final class RecordingChannel implements Channel {
    private final ChannelKind kind;
    private final List<List<Command>> batches = new ArrayList<>();
    private int failuresLeft;

    public RecordingChannel(ChannelKind kind) {
        this.kind = kind;
    }

    /** The next {@code count} calls throw after recording their batch. */
    public synchronized void failNext(int count) {
        this.failuresLeft = count;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public synchronized void commandsDue(List<Command> due) {
        batches.add(List.copyOf(due));
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("push service unavailable");
        }
    }

    public synchronized List<List<Command>> batches() {
        return List.copyOf(batches);
    }

    /** Every command id handed over, once per hand-over, in order. */
    public synchronized List<UUID> handedIds() {
        return batches.stream().flatMap(List::stream).map(Command::id).toList();
    }
}
