package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.latchkey.console.web.Web;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandEvent;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Decision;
import io.latchkey.core.capability.MatrixRow;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One device: its properties, the user who enrolled it beside the one signed in now (the matrix's
 * Windows 8.1 / RT condition), what each remote task would do on it and why not, and its history.
 */
public final class DevicePage {
    private static final int HISTORY = 20;

    private final Web web;
    private final Devices devices;
    private final Users users;
    private final CommandHistory history;
    private volatile io.latchkey.core.eas.EasAccessControl eas;

    public DevicePage(Web web, Devices devices, Users users, CommandHistory history) {
        this.web = web;
        this.devices = devices;
        this.users = users;
        this.history = history;
    }

    /** Shows and changes the EAS gateway's allow / block / quarantine of a device's mail. */
    public void easAccess(io.latchkey.core.eas.EasAccessControl control) {
        this.eas = control;
    }

    /** POST /console/devices/{id}/eas-access: the administrator's decision, audited by the use case. */
    public void setEasAccess(Context ctx) {
        UUID id = Web.uuid(ctx.pathParam("id"));
        io.latchkey.console.web.ConsoleAccess.requireDevice(ctx, io.latchkey.core.access.Permission.MANAGE_DEVICES, id);
        io.latchkey.core.eas.EasAccessControl control = eas;
        io.latchkey.core.eas.EasAccess access;
        try {
            access = io.latchkey.core.eas.EasAccess.parse(ctx.formParam("access"));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid(e.getMessage());
        }
        if (control == null || !control.set(id, access, web.actor(ctx))) {
            throw Rejected.notFound("device " + id + " has no Exchange ActiveSync partnership");
        }
        ctx.redirect("/console/devices/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** One action's verdict: how it is done (and under which condition), or why it cannot be. */
    public record Capability(Action action, boolean supported, String method, String condition, String reason,
                             boolean secret) {
    }

    /** A past or open command with its transitions. */
    public record HistoryEntry(Command command, List<CommandEvent> events) {
    }

    public record View(Device device, User enrolling, User current, boolean anotherUser, String matrixRow,
                       List<Capability> capabilities, List<HistoryEntry> history, String nextCursor,
                       io.latchkey.core.eas.EasPartnership eas) {
    }

    public void show(Context ctx) {
        UUID id = Web.uuid(ctx.pathParam("id"));
        Device d = devices.find(id).orElseThrow(() -> Rejected.notFound("no device " + id));
        io.latchkey.console.web.ConsoleAccess.requireDevice(ctx, io.latchkey.core.access.Permission.READ_DEVICES, id);
        User enrolling = d.enrollingUserId() == null ? null : users.find(d.enrollingUserId()).orElse(null);
        boolean another = Device.ANOTHER_USER.equals(d.currentUserId());
        User current = d.currentUserId() == null || another ? null : users.find(d.currentUserId()).orElse(null);
        List<Capability> caps = new ArrayList<>();
        for (Action action : Action.values()) {
            caps.add(switch (CapabilityMatrix.decide(d, action)) {
                case Decision.Supported s -> new Capability(action, true, s.method(), s.condition(), null,
                        s.secret() != io.latchkey.core.capability.SecretKind.NONE);
                case Decision.NotSupported n -> new Capability(action, false, null, null, n.reason(), false);
            });
        }
        MatrixRow row = MatrixRow.of(d).row();
        String cursor = ctx.queryParam("cursor");
        var page = history.ofDevice(id, cursor == null || cursor.isBlank() ? null : cursor, HISTORY);
        List<HistoryEntry> entries = page.items().stream()
                .map(c -> new HistoryEntry(c, history.events(c.id()))).toList();
        web.page(ctx, "device", new View(d, enrolling, current, another, row == null ? "" : row.label(), caps,
                entries, page.nextCursor(), eas == null ? null : eas.of(id).orElse(null)));
    }
}
