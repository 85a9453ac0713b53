package io.latchkey.console.view;

import io.javalin.http.Context;
import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.BuiltInGroup;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A device list's filter (group or user, platform, channel, search) and, once the administrator
 * ticks rows, which devices: the ticked ids, or {@code all} = every device the filter matches
 * (the whole group, not only the page shown). Carried from the list to the confirmation to the
 * submission as form fields, so the submission selects exactly what the preview counted.
 */
public record Selection(String group, UUID user, Platform platform, ManagementChannel channel, String q,
                        List<UUID> ids, boolean all) {
    /** More ids than this in one form means the administrator wanted "all matching" instead. */
    public static final int MAX_IDS = 10_000;

    public static Selection fromQuery(Context ctx) {
        return read(ctx::queryParam, List.of(), false);
    }

    public static Selection fromForm(Context ctx) {
        List<UUID> ids = new ArrayList<>();
        List<String> raw = ctx.formParams("ids");
        if (raw.size() > MAX_IDS) {
            throw Rejected.invalid("too many devices ticked one by one; choose all matching the filter instead");
        }
        for (String id : raw) {
            try {
                ids.add(UUID.fromString(id.trim()));
            } catch (IllegalArgumentException e) {
                throw Rejected.invalid("'" + id + "' is not a device id");
            }
        }
        return read(ctx::formParam, ids, "filter".equals(ctx.formParam("scope")));
    }

    private static Selection read(java.util.function.Function<String, String> param, List<UUID> ids, boolean all) {
        String group = blank(param.apply("group"));
        String user = blank(param.apply("user"));
        String platform = blank(param.apply("platform"));
        String channel = blank(param.apply("channel"));
        return new Selection(group, user == null ? null : UUID.fromString(user),
                platform == null ? null : Platform.parse(platform),
                channel == null ? null : ManagementChannel.parse(channel), blank(param.apply("q")), List.copyOf(ids), all);
    }

    /** The filter of the list, whatever is ticked. */
    public DeviceFilter filter() {
        return new DeviceFilter(null, group, user, platform, channel, q);
    }

    /** What the task is for: every matching device, or the ticked ones within the filter. */
    public DeviceFilter target() {
        if (all) {
            return filter();
        }
        if (ids.isEmpty()) {
            throw Rejected.invalid("no device selected");
        }
        return new DeviceFilter(ids, group, user, platform, channel, q);
    }

    public boolean empty() {
        return !all && ids.isEmpty();
    }

    public String platformName() {
        return platform == null ? "" : platform.name();
    }

    public String channelName() {
        return channel == null ? "" : channel.wireName();
    }

    public String userId() {
        return user == null ? "" : user.toString();
    }

    public String groupId() {
        return group == null ? "" : group;
    }

    public String query() {
        return q == null ? "" : q;
    }

    public boolean builtIn() {
        return group != null && BuiltInGroup.byId(group).isPresent();
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
