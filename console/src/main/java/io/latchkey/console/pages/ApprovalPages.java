package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.latchkey.console.web.Web;
import io.latchkey.core.Rejected;
import io.latchkey.core.approval.ActionApprovals;
import io.latchkey.core.approval.AdminActor;
import io.latchkey.core.approval.ApprovalRefused;
import io.latchkey.core.approval.ApprovalRequest;
import io.latchkey.core.approval.ApprovalState;
import io.latchkey.core.approval.Approved;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.inventory.Page;

import java.util.UUID;
import java.util.function.Function;

/**
 * Approvals: the requests an approval policy held back, with Approve / Reject (with a comment) /
 * Cancel. Every rule (never one's own, APPROVE_ACTIONS and the action's permission, cancel by the
 * requester or an Administrator, one decision only) is the core's ({@link ActionApprovals}); a
 * refusal is shown on the page. The forms carry the CSRF token the Guard checks on every POST.
 */
public final class ApprovalPages {
    private static final int PAGE_SIZE = 25;

    private final Web web;
    private final ActionApprovals approvals;
    private final Function<Actor, AdminActor> admins;

    /** {@code admins}: the signed-in administrator's account, permissions and Administrator role. */
    public ApprovalPages(Web web, ActionApprovals approvals, Function<Actor, AdminActor> admins) {
        this.web = web;
        this.approvals = approvals;
        this.admins = admins;
    }

    public record Row(ApprovalRequest request, boolean mine, UUID actionRequestId) {
    }

    /**
     * @param state   the state shown (null: every state)
     * @param created the request this administrator's submission just created, for the notice
     * @param error   a refusal to show, or null
     */
    public record View(java.util.List<Row> rows, String nextCursor, ApprovalState state, UUID created, String error) {
        public String stateName() {
            return state == null ? "all" : state.wireName();
        }
    }

    public void list(Context ctx) {
        render(ctx, null, 200);
    }

    public void approve(Context ctx) {
        UUID id = Web.uuid(ctx.pathParam("id"));
        try {
            Approved approved = approvals.approve(id, admin(ctx), ctx.formParam("comment"));
            ctx.redirect("/console/tasks/" + approved.submitted().request().id(), HttpStatus.SEE_OTHER);
        } catch (ApprovalRefused e) {
            render(ctx, e.getMessage(), 403);
        }
    }

    public void reject(Context ctx) {
        decide(ctx, () -> approvals.reject(Web.uuid(ctx.pathParam("id")), admin(ctx), ctx.formParam("comment")));
    }

    public void cancel(Context ctx) {
        decide(ctx, () -> approvals.cancel(Web.uuid(ctx.pathParam("id")), admin(ctx), ctx.formParam("comment")));
    }

    private void decide(Context ctx, Runnable decision) {
        try {
            decision.run();
            ctx.redirect("/console/approvals", HttpStatus.SEE_OTHER);
        } catch (ApprovalRefused e) {
            render(ctx, e.getMessage(), 403);
        }
    }

    private AdminActor admin(Context ctx) {
        return admins.apply(web.actor(ctx));
    }

    private void render(Context ctx, String error, int status) {
        String raw = ctx.queryParam("state");
        ApprovalState state = raw == null || raw.isBlank() ? ApprovalState.PENDING
                : raw.equals("all") ? null : ApprovalState.parse(raw);
        String cursor = ctx.queryParam("cursor");
        UUID me = admin(ctx).adminId();
        // A reader scoped to some groups sees only their own requests (others may name devices outside them).
        UUID onlyOwn = io.latchkey.console.web.ConsoleAccess.grants(ctx)
                .everywhere(io.latchkey.core.access.Permission.READ_DEVICES) ? null : me;
        Page<ApprovalRequest> page = approvals.page(state, cursor == null || cursor.isBlank() ? null : cursor, PAGE_SIZE,
                onlyOwn);
        String createdRaw = ctx.queryParam("created");
        UUID created = null;
        if (createdRaw != null && !createdRaw.isBlank()) {
            try {
                created = UUID.fromString(createdRaw.trim());
            } catch (IllegalArgumentException e) {
                throw Rejected.invalid("'" + createdRaw + "' is not an id");
            }
        }
        ctx.status(status);
        web.page(ctx, "approvals", new View(page.items().stream().map(r -> new Row(r, r.requesterId().equals(me),
                approvals.actionOf(r).map(a -> a.id()).orElse(null))).toList(), page.nextCursor(), state, created,
                error));
    }
}
