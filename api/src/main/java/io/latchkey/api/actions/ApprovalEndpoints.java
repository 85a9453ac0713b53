package io.latchkey.api.actions;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.AccessGuard;
import io.latchkey.api.ApiException;
import io.latchkey.api.Json;
import io.latchkey.api.Paging;
import io.latchkey.api.Params;
import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.approval.ActionApprovals;
import io.latchkey.core.approval.AdminActor;
import io.latchkey.core.approval.ApprovalRefused;
import io.latchkey.core.approval.ApprovalRequest;
import io.latchkey.core.approval.ApprovalState;
import io.latchkey.core.approval.Approved;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code /approvals}: the requests an approval policy held back (issue 8 item 3). Listing needs
 * READ_DEVICES (the route table); who may approve, reject or cancel is the core's rule
 * ({@link ActionApprovals}), refusals answered 403 with the core's code ({@code selfApproval},
 * {@code forbidden}, {@code notRequester}).
 */
public final class ApprovalEndpoints {
    private final Supplier<ActionApprovals> approvals;

    public ApprovalEndpoints(Supplier<ActionApprovals> approvals) {
        this.approvals = approvals;
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/approvals", this::list);
        routes.get(base + "/approvals/{id}", this::detail);
        routes.post(base + "/approvals/{id}/approve", this::approve);
        routes.post(base + "/approvals/{id}/reject", this::reject);
        routes.post(base + "/approvals/{id}/cancel", this::cancel);
    }

    /** The caller as the core's approval rules see them: account, actor, permissions, Administrator or not. */
    static AdminActor adminActor(Context ctx) {
        return AdminActor.of(Params.admin(ctx).id(), Params.actor(ctx), AccessGuard.assignments(ctx));
    }

    private ActionApprovals use() {
        ActionApprovals a = approvals.get();
        if (a == null) {
            throw new ApiException(404, "not_found", "approvals are not enabled on this server");
        }
        return a;
    }

    private void list(Context ctx) {
        ApprovalState state = Params.query(ctx, "state", ApprovalState::parse);
        ActionApprovals a = use();
        ctx.json(Paging.view(a.page(state, Paging.cursor(ctx), Paging.limit(ctx), onlyOwn(ctx)),
                r -> view(ctx, a, r)));
    }

    private void detail(Context ctx) {
        ActionApprovals a = use();
        UUID id = Params.pathId(ctx, "id");
        io.latchkey.core.approval.ApprovalRequest request = a.find(id);
        UUID own = onlyOwn(ctx);
        if (own != null && !own.equals(request.requesterId())) {
            throw ApiException.notFound("no approval request " + id); // as if unknown, like devices out of scope
        }
        ctx.json(view(ctx, a, request));
    }

    /** Null for a reader of every device; otherwise the caller's id: a scoped reader sees their own requests. */
    private static UUID onlyOwn(Context ctx) {
        return io.latchkey.api.AccessGuard.grants(ctx).everywhere(io.latchkey.core.access.Permission.READ_DEVICES)
                ? null : adminActor(ctx).adminId();
    }

    private void approve(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        String comment = comment(ctx);
        ActionApprovals a = use();
        Approved approved = refusable(() -> a.approve(id, adminActor(ctx), comment));
        ActionRequest request = approved.submitted().request();
        ctx.header("Location", ctx.contextPath() + "/api/v1/actions/" + request.id())
                .json(Map.of("approval", ApprovalViews.of(approved.approval(), ctx.contextPath(), request.id()),
                        "actionRequest", ActionViews.request(request, null, approved.submitted().notFoundIds())));
    }

    private void reject(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        String comment = comment(ctx);
        ActionApprovals a = use();
        ctx.json(view(ctx, a, refusable(() -> a.reject(id, adminActor(ctx), comment))));
    }

    private void cancel(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        String comment = comment(ctx);
        ActionApprovals a = use();
        ctx.json(view(ctx, a, refusable(() -> a.cancel(id, adminActor(ctx), comment))));
    }

    static ApprovalViews.ApprovalView view(Context ctx, ActionApprovals a, ApprovalRequest r) {
        return ApprovalViews.of(r, ctx.contextPath(), a.actionOf(r).map(ActionRequest::id).orElse(null));
    }

    /** The optional {@code {"comment": "…"}}; an empty body is no comment. */
    private static String comment(Context ctx) {
        if (ctx.body().isBlank()) {
            return null;
        }
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the decision", Set.of("comment"));
        return Json.text(body, "comment");
    }

    private static <T> T refusable(Supplier<T> decision) {
        try {
            return decision.get();
        } catch (ApprovalRefused e) {
            throw new ApiException(403, e.code(), e.getMessage());
        }
    }
}
