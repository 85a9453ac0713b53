package io.latchkey.api.actions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Preview;
import io.latchkey.core.inventory.DeviceFilter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Action requests, commands and their history as the API shows them, with wire names. */
final class ActionViews {
    private ActionViews() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Target(List<UUID> ids, String groupId, UUID userId, String platform, String channel, String search) {
        static Target of(DeviceFilter f) {
            return new Target(f.ids(), f.groupId(), f.userId(),
                    f.platform() == null ? null : f.platform().displayName(),
                    f.channel() == null ? null : f.channel().wireName(), f.search());
        }
    }

    /** {@code progress} only on the detail view, {@code notFoundIds} only on a submission's answer. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record RequestView(UUID id, String action, Target target, Map<String, String> options, String requestedBy,
                       String requestedFrom, String idempotencyKey, Instant createdAt, Instant expiresAt,
                       int deviceCount, int notSupported, Map<String, Long> progress, List<UUID> notFoundIds) {
    }

    static RequestView request(ActionRequest r, Map<CommandState, Long> progress, List<UUID> notFoundIds) {
        return new RequestView(r.id(), r.action().wireName(), Target.of(r.target()), r.options(), r.requestedBy(),
                r.requestedFrom(), r.idempotencyKey(), r.createdAt(), r.expiresAt(), r.deviceCount(),
                r.notSupported(), progress == null ? null : progress(progress), notFoundIds);
    }

    /** Every state, zeros included, in the state machine's order, so a client need not know the states. */
    static Map<String, Long> progress(Map<CommandState, Long> counts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (CommandState s : CommandState.values()) {
            out.put(s.wireName(), counts.getOrDefault(s, 0L));
        }
        return out;
    }

    record EventView(Instant at, String from, String to, String detail, String actor) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CommandView(UUID id, UUID requestId, UUID deviceId, String deviceName, String action, String channel,
                       String state, String detail, Map<String, String> options, Instant createdAt,
                       Instant updatedAt, Instant expiresAt, List<EventView> events) {
    }

    static CommandView command(Command c, String deviceName, List<CommandEvent> events) {
        return new CommandView(c.id(), c.requestId(), c.deviceId(), deviceName, c.action().wireName(),
                c.channel() == null ? null : c.channel().name(), c.state().wireName(), c.detail(), c.options(),
                c.createdAt(), c.updatedAt(), c.expiresAt(), events == null ? null : events.stream()
                .map(e -> new EventView(e.at(), e.from() == null ? null : e.from().wireName(), e.to().wireName(),
                        e.detail(), e.actor())).toList());
    }

    record Skipped(String reason, int count) {
    }

    record PreviewView(String action, int selected, int supported, List<Skipped> skipped) {
    }

    static PreviewView preview(Preview p) {
        return new PreviewView(p.action().wireName(), p.selected(), p.supported(), p.skippedByReason().entrySet()
                .stream().map(e -> new Skipped(e.getKey(), e.getValue())).toList());
    }
}
