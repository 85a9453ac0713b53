package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.latchkey.console.web.Web;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;

import java.util.ArrayList;
import java.util.List;

/** The dashboard: the fleet by platform and by channel as bars, and the latest remote tasks. */
public final class HomePage {
    private static final int RECENT = 6;

    private final Web web;
    private final Devices devices;
    private final ActionRequests requests;
    private final TaskPages tasks;

    public HomePage(Web web, Devices devices, ActionRequests requests, TaskPages tasks) {
        this.web = web;
        this.devices = devices;
        this.requests = requests;
        this.tasks = tasks;
    }

    /** One bar: its label key, how many, its share of the longest bar (0–100). */
    public record Bar(String label, long count, long percent, String href) {
    }

    public record View(long total, List<Bar> platforms, List<Bar> channels, List<TaskPages.ProgressView> recent) {
    }

    public void show(Context ctx) {
        var t = web.messages(ctx);
        var grants = io.latchkey.console.web.ConsoleAccess.grants(ctx);
        var read = io.latchkey.core.access.Permission.READ_DEVICES;
        List<long[]> raw = new ArrayList<>();
        List<Bar> platforms = new ArrayList<>();
        long max = 1;
        for (Platform p : Platform.values()) {
            long n = devices.count(grants.narrow(read, new DeviceFilter(null, null, null, p, null, null)));
            max = Math.max(max, n);
            raw.add(new long[] {n});
        }
        int i = 0;
        for (Platform p : Platform.values()) {
            long n = raw.get(i++)[0];
            if (n > 0) {
                platforms.add(new Bar(t.platform(p), n, Math.round(100.0 * n / max),
                        "/console/groups/all-devices?platform=" + p.name()));
            }
        }
        List<Bar> channels = new ArrayList<>();
        long[] counts = new long[ManagementChannel.values().length];
        long cmax = 1;
        for (ManagementChannel c : ManagementChannel.values()) {
            counts[c.ordinal()] = devices.count(grants.narrow(read, new DeviceFilter(null, null, null, null, c, null)));
            cmax = Math.max(cmax, counts[c.ordinal()]);
        }
        long total = 0;
        for (ManagementChannel c : ManagementChannel.values()) {
            long n = counts[c.ordinal()];
            total += n;
            if (n > 0) {
                channels.add(new Bar(t.channel(c), n, Math.round(100.0 * n / cmax),
                        "/console/groups/all-devices?channel=" + c.wireName()));
            }
        }
        var recent = (io.latchkey.console.web.ConsoleAccess.seesAllRequests(ctx) ? requests.page(null, RECENT)
                : requests.pageRequestedBy(web.actor(ctx).name(), null, RECENT)).items().stream().map(tasks::summary).toList();
        web.page(ctx, "home", new View(total, platforms, channels, recent));
    }
}
