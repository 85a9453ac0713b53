package io.latchkey.api.graph;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.inventory.DeviceRemoval;
import io.latchkey.core.inventory.DeviceSearch;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.UserLookup;
import io.latchkey.core.inventory.Users;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Microsoft Graph-compatible admin API: the Intune {@code managedDevice} endpoints under
 * {@code /v1.0} and {@code /beta}, so that Graph SDKs and admin scripts work against Latchkey by
 * changing only the base URL and the token (product spec §5). An HTTP adapter over the same core
 * use cases as the native API; it authenticates with Latchkey API tokens, throttles per token,
 * tags every answer with a {@code request-id}, and answers every failure with Graph's error body.
 */
public final class GraphApi {
    /** Per token: a burst of 2,000 requests, then 200 per second (a 100,000-device walk is 100 pages). */
    public static final int DEFAULT_BURST = 2_000;
    public static final int DEFAULT_RATE = 200;
    static final String JSON = "application/json;odata.metadata=minimal;odata.streaming=true;charset=utf-8";

    /** The core's ports and use cases this surface reads and drives. */
    public record Ports(AdminAccounts accounts, Devices devices, DeviceSearch search, DeviceRemoval removal,
                        Users users, UserLookup userLookup, ActionRequests requests, CommandHistory history,
                        AuditLog audit, RemoteActions actions, Clock clock) {
    }

    private final AdminAccounts accounts;
    private volatile io.latchkey.api.AdminTokens tokens;
    private final Clock clock;
    private final Throttle throttle;
    private final GraphRouter router = new GraphRouter();
    private volatile io.latchkey.core.access.RoleAssignments assignments;
    private volatile io.latchkey.core.access.DeviceScopes scopes;
    private final ApprovalGate approvalGate;

    public GraphApi(Ports p) {
        this(p, DEFAULT_BURST, DEFAULT_RATE);
    }

    public GraphApi(Ports p, int burst, int perSecond) {
        this.accounts = p.accounts();
        this.tokens = new io.latchkey.api.AdminTokens(p.accounts(), null);
        this.clock = p.clock();
        this.throttle = new Throttle(burst, perSecond, p.clock());
        ActionResults results = new ActionResults(p.history(), p.actions());
        ManagedDeviceEndpoints devices = new ManagedDeviceEndpoints(p.devices(), p.search(), p.removal(),
                p.userLookup(), results, p.audit(), p.clock());
        devices.register(router);
        this.approvalGate = new ApprovalGate(p.actions());
        new BulkActionEndpoint(approvalGate, p.history()).register(router);
        new DeviceActionEndpoints(approvalGate, p.history(), devices).register(router);
        new UserEndpoints(p.users(), devices).register(router);
        new RemoteActionAuditEndpoint(p.requests(), p.history(), p.devices(), p.userLookup()).register(router);
    }

    /** Holds the submissions an approval policy covers (403 approvalRequired, see {@link ApprovalGate}). */
    public GraphApi withApprovals(io.latchkey.core.approval.ActionApprovals approvals) {
        approvalGate.use(approvals);
        return this;
    }

    /** One route of the surface, for the OpenAPI check: method, template, whether v1.0 has it. */
    public record RouteInfo(String method, String template, boolean v1, boolean beta) {
    }

    public List<RouteInfo> routes() {
        List<RouteInfo> out = new ArrayList<>();
        for (GraphRouter.Route r : router.routes()) {
            out.add(new RouteInfo(r.method(), r.template(), r.versions().contains(GraphVersion.V1),
                    r.versions().contains(GraphVersion.BETA)));
        }
        return out;
    }

    /**
     * Registers one catch-all route per version spelling and method: the Graph router does the
     * rest, because Javalin's paths are case-sensitive and know nothing of OData key segments.
     */
    public void register(RoutesConfig routes) {
        Handler h = this::handle;
        for (String prefix : prefixes()) {
            routes.get(prefix + "/*", h);
            routes.post(prefix + "/*", h);
            routes.patch(prefix + "/*", h);
            routes.delete(prefix + "/*", h);
        }
    }

    /** Every upper/lower-case spelling of the version segments ("v1.0", "V1.0", "beta", "Beta", "BETA", …). */
    static List<String> prefixes() {
        List<String> out = new ArrayList<>();
        for (GraphVersion v : GraphVersion.values()) {
            String s = v.segment();
            List<Integer> letters = new ArrayList<>();
            for (int i = 0; i < s.length(); i++) {
                if (Character.isLetter(s.charAt(i))) {
                    letters.add(i);
                }
            }
            for (int mask = 0; mask < 1 << letters.size(); mask++) {
                char[] c = s.toCharArray();
                for (int b = 0; b < letters.size(); b++) {
                    if ((mask & 1 << b) != 0) {
                        c[letters.get(b)] = Character.toUpperCase(c[letters.get(b)]);
                    }
                }
                out.add("/" + new String(c));
            }
        }
        return out;
    }

    private void handle(Context ctx) {
        String requestId = UUID.randomUUID().toString();
        ctx.header("request-id", requestId);
        ctx.header("client-request-id", GraphErrors.clientRequestId(ctx, requestId));
        try {
            String path = ctx.req().getRequestURI().substring(ctx.contextPath().length());
            int slash = path.indexOf('/', 1);
            GraphVersion version = GraphVersion.of(path.substring(1, slash < 0 ? path.length() : slash))
                    .orElseThrow(() -> GraphError.badRequest("unknown API version"));
            Admin admin = authenticate(ctx);
            long wait = throttle.take(admin.id());
            if (wait > 0) {
                throw GraphError.throttled(wait);
            }
            String rest = slash < 0 ? "" : path.substring(slash);
            GraphRouter.Match match = router.match(ctx.method().name(), version, rest)
                    .orElseThrow(() -> GraphError.badRequest("Resource not found for the segment '"
                            + lastSegment(rest) + "'."));
            var grants = new io.latchkey.core.access.Grants(io.latchkey.api.AccessGuard.held(admin,
                    ctx.attribute(io.latchkey.api.BearerAuth.IDENTITY_ATTRIBUTE), assignments));
            GraphCall call = new GraphCall(ctx, version, match.params(), admin, requestId, grants, scopes);
            GraphAccess.needed(match.route().method(), match.route().template()).ifPresent(call::require);
            match.route().endpoint().handle(call);
        } catch (Exception | StackOverflowError e) {
            GraphErrors.write(ctx, e, requestId, clock);
            ctx.contentType(JSON);
        }
    }

    /**
     * Checks every call against the caller's roles and scopes; without it nothing is permitted
     * (fail closed). Wired once, before the routes serve.
     */
    public void withRoles(io.latchkey.core.access.RoleAssignments roleAssignments,
                          io.latchkey.core.access.DeviceScopes deviceScopes) {
        this.assignments = roleAssignments;
        this.scopes = deviceScopes;
    }

    /** Also accepts the OpenID provider's access tokens; wired once, before the routes serve. */
    public void federate(io.latchkey.core.admin.FederatedAdmins federated) {
        this.tokens = new io.latchkey.api.AdminTokens(accounts, federated);
    }

    /** Bearer tokens are Latchkey API tokens or OIDC access tokens (RFC 6750); never logged or echoed. */
    private Admin authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new GraphError(401, "unauthenticated", "an administrator's API token is required: "
                    + "Authorization: Bearer <token>");
        }
        Optional<io.latchkey.core.admin.AdminIdentity> identity = tokens.identify(header.substring(7).trim());
        identity.ifPresent(id -> ctx.attribute(io.latchkey.api.BearerAuth.IDENTITY_ATTRIBUTE, id));
        Optional<Admin> admin = identity.map(io.latchkey.core.admin.AdminIdentity::admin);
        return admin.orElseThrow(() -> new GraphError(401, "unauthenticated",
                "the access token is not valid or has expired"));
    }

    private static String lastSegment(String rest) {
        List<String> segments = GraphRouter.segments(rest);
        return segments.isEmpty() ? "" : segments.getLast();
    }

    /** A 200 with a JSON body and Graph's content type. */
    static void ok(GraphCall call, Object body) {
        call.ctx().status(200).json(body).contentType(JSON);
    }
}
