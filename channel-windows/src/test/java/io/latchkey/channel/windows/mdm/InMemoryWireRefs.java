package io.latchkey.channel.windows.mdm;

import io.latchkey.core.action.WireRef;
import io.latchkey.core.action.WireRefs;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Test double of the port. */
final class InMemoryWireRefs implements WireRefs {
    private final Map<String, List<WireRef>> byMessage = new HashMap<>();

    @Override
    public synchronized void record(UUID deviceId, String sessionId, int msgId, List<WireRef> refs, Instant at) {
        byMessage.put(deviceId + "/" + sessionId + "/" + msgId,
                refs.stream().sorted(Comparator.comparingInt(WireRef::cmdId)).toList());
    }

    /** What a numbered hand-out stores with the command's move to sent: added to its message's numbers. */
    synchronized void add(io.latchkey.core.action.WireNumbers w) {
        String key = w.deviceId() + "/" + w.sessionId() + "/" + w.msgId();
        List<WireRef> all = new java.util.ArrayList<>(byMessage.getOrDefault(key, List.of()));
        all.addAll(w.refs());
        byMessage.put(key, all.stream().sorted(Comparator.comparingInt(WireRef::cmdId)).toList());
    }

    @Override
    public synchronized List<WireRef> find(UUID deviceId, String sessionId, int msgId) {
        return byMessage.getOrDefault(deviceId + "/" + sessionId + "/" + msgId, List.of());
    }

    @Override
    public synchronized int purge(Instant before) {
        return 0;
    }
}
