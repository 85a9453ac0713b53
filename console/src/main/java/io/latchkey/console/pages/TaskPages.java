package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.latchkey.console.web.ConsoleAccess;
import io.latchkey.core.access.Permission;
import io.latchkey.console.view.Selection;
import io.latchkey.console.web.Sessions;
import io.latchkey.console.web.Web;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.ActionOptions;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Preview;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.RevealedSecret;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Decision;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Remote Tasks: the confirmation (the capability preview, the action's options, a typed
 * confirmation for wipe and retire), the submission through {@link RemoteActions} exactly as the
 * API makes it (idempotency key per form), the live progress page and the audited secret reveal.
 */
public final class TaskPages {
    private static final int COMMANDS_PER_PAGE = 100;
    private static final int NAMED_SELECTION = 1_000;
    private static final int NAMES_PER_REASON = 10;
    /** The options each action's form offers; {@link ActionOptions} still validates them. */
    private static final Map<Action, List<String>> FIELDS = Map.of(
            Action.REMOTE_LOCK, List.of("message", "phoneNumber"),
            Action.ENABLE_LOST_MODE, List.of("message", "phoneNumber", "footer"),
            Action.WIPE, List.of("keepEnrollmentData", "keepUserData", "useProtectedWipe"));

    private final Web web;
    private final RemoteActions actions;
    private final ActionRequests requests;
    private final CommandHistory history;
    private final Devices devices;
    private volatile io.latchkey.core.approval.ActionApprovals approvals;
    private volatile java.util.function.Function<io.latchkey.core.audit.Actor,
            io.latchkey.core.approval.AdminActor> admins;

    public TaskPages(Web web, RemoteActions actions, ActionRequests requests, CommandHistory history,
                     Devices devices) {
        this.web = web;
        this.actions = actions;
        this.requests = requests;
        this.history = history;
        this.devices = devices;
    }

    /** Submissions pass the approval policy: held ones become approval requests (issue 8 item 3). */
    public void useApprovals(io.latchkey.core.approval.ActionApprovals actionApprovals,
                             java.util.function.Function<io.latchkey.core.audit.Actor,
                                     io.latchkey.core.approval.AdminActor> adminLookup) {
        this.admins = adminLookup;
        this.approvals = actionApprovals;
    }

    /** {@code approvalReason}: why a second administrator must approve this task; null when none must. */
    public record ConfirmView(Action action, Selection selection, Preview preview, List<String> fields,
                              Map<String, String> options, boolean typed, String idempotencyKey, String error,
                              Map<String, List<String>> skippedNames, String back, String approvalReason,
                              String reason) {
        /** The first few skipped devices' names for a reason, so the administrator sees which ones. */
        public List<String> names(String reason) {
            return skippedNames.getOrDefault(reason, List.of());
        }

        public boolean hasField(String name) {
            return fields.contains(name);
        }

        public String option(String name) {
            return options.getOrDefault(name, "");
        }
    }

    public record CommandRow(Command command, String deviceName) {
    }

    public record ProgressView(ActionRequest request, Map<CommandState, Long> counts, long total, boolean done,
                               List<CommandRow> commands, String nextCursor, CommandState only) {
        public long count(CommandState s) {
            return counts.getOrDefault(s, 0L);
        }

        /** The stacked bar's parts, in the state order, on a 0–100 scale (SVG: no inline style needed). */
        public List<Segment> segments() {
            List<Segment> out = new java.util.ArrayList<>();
            double x = 0;
            for (CommandState s : CommandState.values()) {
                long n = count(s);
                if (n > 0 && total > 0) {
                    double w = 100.0 * n / total;
                    out.add(new Segment(s, x, w, n));
                    x += w;
                }
            }
            return out;
        }
    }

    /** One state's part of a progress bar. */
    public record Segment(CommandState state, double x, double width, long count) {
    }

    public record RecentView(List<ProgressView> tasks, String nextCursor) {
    }

    public record SecretView(UUID commandId, String kind, String value) {
        @Override
        public String toString() {
            return "SecretView[commandId=" + commandId + ", kind=" + kind + ", value=****]";
        }
    }

    /** From a device list's Remote Tasks menu: what would happen, before anything is stored. */
    public void confirm(Context ctx) {
        Action action = Action.parse(ctx.formParam("action"));
        ConsoleAccess.require(ctx, Permission.forAction(action));
        Selection selection = Selection.fromForm(ctx);
        if (selection.empty()) {
            web.error(ctx, 400, web.messages(ctx).m("tasks.noneSelected"));
            return;
        }
        renderConfirm(ctx, action, selection, Map.of(), Sessions.token(), null, 200);
    }

    /**
     * Where Cancel goes: the page the administrator came from (the form's {@code back} field on a
     * second try, else the Referer, sent within the console by its same-origin referrer policy),
     * only ever a console path, so the link cannot lead off the site.
     */
    static String back(Context ctx) {
        String given = ctx.formParam("back");
        if (given == null || given.isBlank()) {
            String referer = ctx.header("Referer");
            if (referer != null) {
                try {
                    java.net.URI uri = java.net.URI.create(referer);
                    given = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
                } catch (IllegalArgumentException malformed) {
                    given = null;
                }
            }
        }
        boolean safe = given != null && given.startsWith("/console") && !given.startsWith("/console/tasks/confirm")
                && !given.contains("//") && !given.contains("\\") && given.chars().noneMatch(c -> c < 0x20);
        return safe ? given : "/console";
    }

    /** The confirmation's form: typed confirmation checked, then submitted as the API submits. */
    public void submit(Context ctx) {
        Action action = Action.parse(ctx.formParam("action"));
        ConsoleAccess.require(ctx, Permission.forAction(action));
        Selection selection = Selection.fromForm(ctx);
        Map<String, String> options = options(ctx, action);
        String key = ctx.formParam("idempotencyKey");
        Preview preview = actions.preview(action, target(ctx, action, selection));
        // The number typed is the number of devices that will get the task: the one on the button.
        if (typed(action) && !String.valueOf(preview.supported()).equals(trim(ctx.formParam("typed")))) {
            renderConfirm(ctx, action, selection, options, key, web.messages(ctx).m("confirm.typedWrong"), 400);
            return;
        }
        try {
            ActionSubmission submission = new ActionSubmission(action, target(ctx, action, selection), options,
                    key == null || key.isBlank() ? null : key, null);
            var gate = approvals;
            Submitted submitted;
            if (gate == null) {
                submitted = actions.submit(submission, web.actor(ctx));
            } else {
                var outcome = gate.submit(submission, admins.apply(web.actor(ctx)), ctx.formParam("reason"));
                if (outcome instanceof io.latchkey.core.approval.Outcome.Held held) {
                    ctx.redirect("/console/approvals?created=" + held.approval().id(),
                            io.javalin.http.HttpStatus.SEE_OTHER);
                    return;
                }
                submitted = ((io.latchkey.core.approval.Outcome.Queued) outcome).submitted();
            }
            ctx.redirect("/console/tasks/" + submitted.request().id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (Rejected e) {
            if (e.kind() != Rejected.Kind.INVALID) {
                throw e;
            }
            renderConfirm(ctx, action, selection, options, key, e.getMessage(), 400);
        }
    }

    public void recent(Context ctx) {
        String cursor = ctx.queryParam("cursor");
        String from = cursor == null || cursor.isBlank() ? null : cursor;
        var page = ConsoleAccess.seesAllRequests(ctx) ? requests.page(from, 25)
                : requests.pageRequestedBy(web.actor(ctx).name(), from, 25);
        web.page(ctx, "tasks", new RecentView(page.items().stream().map(this::summary).toList(), page.nextCursor()));
    }

    public void show(Context ctx) {
        web.page(ctx, "task", progress(ctx));
    }

    /** The part of the progress page htmx polls; it stops polling once every command is final. */
    public void fragment(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(web.fragment(ctx, "taskProgress", progress(ctx)));
    }

    public void cancel(Context ctx) {
        UUID id = Web.uuid(ctx.pathParam("id"));
        // Undoing a task takes the permission of the task itself, and the task must be visible.
        ConsoleAccess.require(ctx, Permission.forAction(visible(ctx, id).action()));
        actions.cancel(id, web.actor(ctx));
        ctx.redirect("/console/tasks/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** Reveals a secret result once per click; the core audits before it opens the secret. */
    public void reveal(Context ctx) {
        UUID id = Web.uuid(ctx.pathParam("id"));
        Command command = history.find(id).orElseThrow(() -> Rejected.notFound("no command " + id));
        try {
            ConsoleAccess.requireDevice(ctx, Permission.REVEAL_SECRET, command.deviceId());
        } catch (Rejected outOfScope) {
            throw Rejected.notFound("no command " + id);
        }
        RevealedSecret secret = actions.reveal(id, web.actor(ctx));
        ctx.header("Cache-Control", "no-store");
        SecretView view = new SecretView(secret.commandId(), secret.kind(), secret.value());
        if (ctx.header("HX-Request") != null) {
            ctx.contentType("text/html; charset=utf-8").result(web.fragment(ctx, "secret", view));
        } else {
            web.page(ctx, "secretPage", view);
        }
    }

    ProgressView summary(ActionRequest r) {
        Map<CommandState, Long> counts = history.countByState(r.id());
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new ProgressView(r, counts, total, done(counts), List.of(), null, null);
    }

    private ProgressView progress(Context ctx) {
        UUID id = Web.uuid(ctx.pathParam("id"));
        ActionRequest r = visible(ctx, id);
        String only = ctx.queryParam("state");
        CommandState state = only == null || only.isBlank() ? null : CommandState.parse(only);
        String cursor = ctx.queryParam("cursor");
        var page = history.ofRequest(id, state, cursor == null || cursor.isBlank() ? null : cursor,
                COMMANDS_PER_PAGE);
        Map<UUID, String> names = new HashMap<>();
        List<UUID> ids = page.items().stream().map(Command::deviceId).distinct().toList();
        if (!ids.isEmpty()) {
            devices.select(DeviceFilter.ids(ids)).forEach(d -> names.put(d.id(), d.name()));
        }
        Map<CommandState, Long> counts = history.countByState(id);
        long total = counts.values().stream().mapToLong(Long::longValue).sum();
        return new ProgressView(r, counts, total, done(counts), page.items().stream()
                .map(c -> new CommandRow(c, names.getOrDefault(c.deviceId(), c.deviceId().toString()))).toList(),
                page.nextCursor(), state);
    }

    /** Another admin's task may span devices outside a scoped admin's groups: they see their own. */
    private ActionRequest visible(Context ctx, UUID id) {
        String me = web.actor(ctx).name();
        boolean all = ConsoleAccess.seesAllRequests(ctx);
        return requests.find(id).filter(r -> all || r.requestedBy().equals(me))
                .orElseThrow(() -> Rejected.notFound("no remote task " + id));
    }

    /** The selection kept to the devices the action's permission covers; the others are as unknown. */
    private static DeviceFilter target(Context ctx, Action action, Selection selection) {
        return ConsoleAccess.grants(ctx).narrow(Permission.forAction(action), selection.target());
    }

    private void renderConfirm(Context ctx, Action action, Selection selection, Map<String, String> options,
                               String key, String error, int status) {
        Preview preview = actions.preview(action, target(ctx, action, selection));
        var gate = approvals;
        String approvalReason = gate == null ? null : gate.wouldHold(action, target(ctx, action, selection)).orElse(null);
        String reason = ctx.formParam("reason");
        ctx.status(status);
        web.page(ctx, "confirm", new ConfirmView(action, selection, preview, FIELDS.getOrDefault(action, List.of()),
                options, typed(action), key, error, skippedNames(ctx, action, selection, preview), back(ctx),
                approvalReason, reason == null ? "" : reason));
    }

    /**
     * Names the skipped devices, up to {@value #NAMES_PER_REASON} per reason, asking the same matrix
     * the preview asked. Only for selections small enough to read again cheaply: a whole group of
     * thousands shows the counts alone.
     */
    private Map<String, List<String>> skippedNames(Context ctx, Action action, Selection selection, Preview preview) {
        Map<String, List<String>> names = new LinkedHashMap<>();
        if (preview.skippedByReason().isEmpty() || preview.selected() > NAMED_SELECTION) {
            return names;
        }
        for (Device d : devices.select(target(ctx, action, selection))) {
            if (CapabilityMatrix.decide(d, action) instanceof Decision.NotSupported n) {
                List<String> list = names.computeIfAbsent(n.reason(), r -> new java.util.ArrayList<>());
                if (list.size() < NAMES_PER_REASON) {
                    list.add(d.name());
                }
            }
        }
        return names;
    }

    private static Map<String, String> options(Context ctx, Action action) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String name : FIELDS.getOrDefault(action, List.of())) {
            String value = ctx.formParam(name);
            if (name.startsWith("keep") || name.startsWith("use")) {
                if (value != null) {
                    options.put(name, "true");
                }
            } else if (value != null && !value.isBlank()) {
                options.put(name, value.trim());
            }
        }
        return options;
    }

    private static boolean typed(Action action) {
        return action == Action.WIPE || action == Action.RETIRE;
    }

    private static boolean done(Map<CommandState, Long> counts) {
        return CommandState.OPEN.stream().allMatch(s -> counts.getOrDefault(s, 0L) == 0);
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim().replace(" ", "").replace("\u00a0", "").replace("\u202f", "");
    }
}
