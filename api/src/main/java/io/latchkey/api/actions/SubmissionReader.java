package io.latchkey.api.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;
import io.latchkey.api.Params;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/** Reads {@code {action, target, options, ttlSeconds}} bodies into core values, with 400s that name the field. */
final class SubmissionReader {
    static final Set<String> TARGET_FIELDS = Set.of("ids", "groupId", "userId", "platform", "channel", "search");
    static final int MAX_IDS = 100_000;

    private SubmissionReader() {
    }

    static Action action(ObjectNode body) {
        String raw = Json.text(body, "action");
        if (raw == null) {
            throw ApiException.badRequest("field 'action' is required (remoteLock, resetPasscode, retire, wipe, "
                    + "enableLostMode, disableLostMode or syncDevice)");
        }
        return parse("action", raw, Action::parse);
    }

    /**
     * The devices to act on. An empty target is refused rather than read as "every device": wiping a
     * whole fleet must be asked for by name ({@code {"groupId": "all-devices"}}).
     */
    static DeviceFilter target(JsonNode node) {
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("field 'target' is required, e.g. {\"ids\": [...]} or {\"groupId\": ...}");
        }
        if (!node.isObject()) {
            throw ApiException.badRequest("field 'target' must be a JSON object");
        }
        Json.onlyFields((ObjectNode) node, "target", TARGET_FIELDS);
        List<String> rawIds = Json.texts(node, "ids");
        List<UUID> ids = null;
        if (rawIds != null) {
            if (rawIds.isEmpty() || rawIds.size() > MAX_IDS) {
                throw ApiException.badRequest("target.ids must list 1 to " + MAX_IDS + " device ids");
            }
            ids = rawIds.stream().map(s -> Params.uuid(s, "device id")).distinct().toList();
        }
        String userId = Json.text(node, "userId");
        String platform = Json.text(node, "platform");
        String channel = Json.text(node, "channel");
        DeviceFilter filter = new DeviceFilter(ids, blank(Json.text(node, "groupId")),
                userId == null ? null : Params.uuid(userId, "target.userId"),
                platform == null ? null : parse("target.platform", platform, Platform::parse),
                channel == null ? null : parse("target.channel", channel, ManagementChannel::parse),
                blank(Json.text(node, "search")));
        if (filter.equals(DeviceFilter.ALL)) {
            throw ApiException.badRequest("target names no devices; to act on every device say "
                    + "{\"groupId\": \"all-devices\"}");
        }
        return filter;
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static <T> T parse(String field, String raw, Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("field '" + field + "': " + e.getMessage());
        }
    }
}
