package io.latchkey.api.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.AccessGuard;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;
import io.latchkey.api.Paging;
import io.latchkey.api.Params;
import io.latchkey.core.access.Permission;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.RevealedSecret;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Page;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Remote actions: submit (idempotent), preview, list, progress, per-device commands, cancel, secret reveal. */
public final class ActionEndpoints {
    private final RemoteActions actions;
    private final ActionRequests requests;
    private final CommandHistory history;
    private final Devices devices;
    private volatile io.latchkey.core.approval.ActionApprovals approvals;

    public ActionEndpoints(RemoteActions actions, ActionRequests requests, CommandHistory history, Devices devices) {
        this.actions = actions;
        this.requests = requests;
        this.history = history;
        this.devices = devices;
    }

    /** Passes submissions through the approval policy; without it every submission is queued at once. */
    public void useApprovals(io.latchkey.core.approval.ActionApprovals actionApprovals) {
        this.approvals = actionApprovals;
    }

    public io.latchkey.core.approval.ActionApprovals approvals() {
        return approvals;
    }

    public void register(RoutesConfig routes, String base) {
        routes.post(base + "/actions", this::submit);
        routes.post(base + "/actions/preview", this::preview);
        routes.get(base + "/actions", this::list);
        routes.get(base + "/actions/{id}", this::detail);
        routes.get(base + "/actions/{id}/commands", this::commands);
        routes.post(base + "/actions/{id}/cancel", this::cancel);
        routes.get(base + "/commands/{id}", this::command);
        routes.post(base + "/commands/{id}/secret", this::secret);
    }

    private void submit(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the action request", Set.of("action", "target", "options", "ttlSeconds", "reason"));
        Long ttl = Json.number(body, "ttlSeconds");
        var action = SubmissionReader.action(body);
        AccessGuard.require(ctx, Permission.forAction(action));
        // Each device is checked against the action's own permission, in the store's selection:
        // devices outside that scope are left out and their ids reported as unknown ones are.
        var target = AccessGuard.grants(ctx).narrow(Permission.forAction(action),
                SubmissionReader.target(body.get("target")));
        var submission = new ActionSubmission(action, target,
                Json.flatObject(body.get("options"), "options"), ctx.header("Idempotency-Key"),
                ttl == null ? null : Duration.ofSeconds(ttl));
        var gate = approvals;
        Submitted submitted;
        if (gate == null) {
            submitted = actions.submit(submission, Params.actor(ctx));
        } else {
            var outcome = gate.submit(submission, ApprovalEndpoints.adminActor(ctx), Json.text(body, "reason"));
            if (outcome instanceof io.latchkey.core.approval.Outcome.Held held) {
                // Nothing is queued: 202 with the approval request a second administrator must decide.
                ctx.status(202).header("Location", ctx.contextPath() + "/api/v1/approvals/" + held.approval().id())
                        .json(ApprovalViews.of(held.approval(), ctx.contextPath(), null));
                return;
            }
            submitted = ((io.latchkey.core.approval.Outcome.Queued) outcome).submitted();
        }
        ctx.status(submitted.created() ? 201 : 200)
                .header("Location", ctx.contextPath() + "/api/v1/actions/" + submitted.request().id())
                .json(ActionViews.request(submitted.request(), null, submitted.notFoundIds()));
    }

    private void preview(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the preview", Set.of("action", "target", "options", "ttlSeconds"));
        var action = SubmissionReader.action(body);
        // The preview accepts what a submission accepts, so it must refuse what a submission refuses.
        io.latchkey.core.action.ActionOptions.validate(action, Json.flatObject(body.get("options"), "options"));
        Long ttl = Json.number(body, "ttlSeconds");
        if (ttl != null && (ttl < RemoteActions.MIN_TTL.toSeconds() || ttl > RemoteActions.MAX_TTL.toSeconds())) {
            throw io.latchkey.core.Rejected.invalid("time to live must be between 1 minute and 90 days");
        }
        ctx.json(ActionViews.preview(actions.preview(action, AccessGuard.grants(ctx).narrow(
                Permission.forAction(action), SubmissionReader.target(body.get("target"))))));
    }

    private void list(Context ctx) {
        // Another admin's request may span devices outside a scoped reader's groups: they see their own.
        var page = AccessGuard.grants(ctx).everywhere(Permission.READ_DEVICES)
                ? requests.page(Paging.cursor(ctx), Paging.limit(ctx))
                : requests.pageRequestedBy(Params.actor(ctx).name(), Paging.cursor(ctx), Paging.limit(ctx));
        ctx.json(Paging.view(page, r -> ActionViews.request(r, null, null)));
    }

    private void detail(Context ctx) {
        ActionRequest request = request(ctx);
        ctx.json(ActionViews.request(request, history.countByState(request.id()), null));
    }

    private void commands(Context ctx) {
        ActionRequest request = request(ctx);
        CommandState state = Params.query(ctx, "state", CommandState::parse);
        Page<Command> page = history.ofRequest(request.id(), state, Paging.cursor(ctx), Paging.limit(ctx));
        Map<UUID, String> names = deviceNames(page.items());
        ctx.json(new Paging.PageView<>(page.items().stream()
                .map(c -> ActionViews.command(c, names.get(c.deviceId()), null)).toList(), page.nextCursor()));
    }

    private void cancel(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        // Undoing a task takes the same permission as asking for it.
        AccessGuard.require(ctx, Permission.forAction(request(ctx).action()));
        int canceled = actions.cancel(id, Params.actor(ctx));
        ctx.json(Map.of("canceled", canceled, "progress", ActionViews.progress(history.countByState(id))));
    }

    private void command(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        Command c = visibleCommand(ctx, id, Permission.READ_DEVICES);
        String name = devices.find(c.deviceId()).map(Device::name).orElse(null);
        ctx.json(ActionViews.command(c, name, history.events(id)));
    }

    /** The reveal is audited by the core before the value is returned; the answer must not be cached. */
    private void secret(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        visibleCommand(ctx, id, Permission.REVEAL_SECRET);
        RevealedSecret secret = actions.reveal(id, Params.actor(ctx));
        ctx.header("Cache-Control", "no-store")
                .json(Map.of("commandId", secret.commandId(), "kind", secret.kind(), "value", secret.value()));
    }

    private ActionRequest request(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        boolean all = AccessGuard.grants(ctx).everywhere(Permission.READ_DEVICES);
        String me = Params.actor(ctx).name();
        return requests.find(id).filter(r -> all || r.requestedBy().equals(me))
                .orElseThrow(() -> ApiException.notFound("no action request " + id));
    }

    /** A command on a device outside the caller's scope is answered like an unknown one. */
    private Command visibleCommand(Context ctx, UUID id, Permission permission) {
        Command c = history.find(id).orElseThrow(() -> ApiException.notFound("no command " + id));
        try {
            AccessGuard.requireDevice(ctx, permission, c.deviceId());
        } catch (ApiException e) {
            throw e.status() == 404 ? ApiException.notFound("no command " + id) : e;
        }
        return c;
    }

    /** One query for the page's devices rather than one per command. */
    private Map<UUID, String> deviceNames(List<Command> commands) {
        Map<UUID, String> names = new HashMap<>();
        if (!commands.isEmpty()) {
            List<UUID> ids = commands.stream().map(Command::deviceId).distinct().toList();
            devices.select(DeviceFilter.ids(ids)).forEach(d -> names.put(d.id(), d.name()));
        }
        return names;
    }
}
