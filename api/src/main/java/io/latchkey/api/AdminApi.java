package io.latchkey.api;

import io.javalin.config.RoutesConfig;
import io.latchkey.api.actions.ActionEndpoints;
import io.latchkey.api.audit.AuditEndpoint;
import io.latchkey.api.enrollment.EnrollmentCodeEndpoint;
import io.latchkey.api.graph.GraphApi;
import io.latchkey.api.inventory.DeviceEndpoints;
import io.latchkey.api.inventory.GroupEndpoints;
import io.latchkey.api.inventory.ImportEndpoint;
import io.latchkey.api.inventory.UserEndpoints;
import io.latchkey.api.matrix.MatrixEndpoint;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.enrollment.EnrollmentCodeIssuer;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.InventoryImporter;
import io.latchkey.core.inventory.Users;

import java.time.Clock;

/**
 * The native admin API under {@value #BASE}: JSON, bearer-token protected, for what Graph has no
 * word for (groups, enrollment codes, action requests with per-device progress, audit, capability
 * preview). The server registers it, and the Graph-compatible API beside it, on its Javalin instance.
 */
public final class AdminApi {
    public static final String BASE = "/api/v1";

    private final BearerAuth auth;
    private final DeviceEndpoints devices;
    private final UserEndpoints users;
    private final GroupEndpoints groups;
    private final ImportEndpoint imports;
    private final ActionEndpoints actions;
    private final MatrixEndpoint matrix = new MatrixEndpoint();
    private final AuditEndpoint audit;
    private final EnrollmentCodeEndpoint enrollmentCodes;
    private final io.latchkey.api.actions.ApprovalEndpoints approvals;
    private final io.latchkey.api.admin.SelfEndpoints self;
    private volatile io.latchkey.core.admin.AdminIdentities identities;
    private io.latchkey.core.access.RoleAssignments roleAssignments;
    private io.latchkey.core.access.DeviceScopes scopes;
    private GraphApi graph;
    private final io.latchkey.api.inventory.EasAccessEndpoint easAccess = new io.latchkey.api.inventory.EasAccessEndpoint();
    private io.latchkey.core.access.Roles roles;
    private io.latchkey.core.admin.AdminDirectory adminDirectory;
    private io.latchkey.core.access.RoleAdministration roleAdministration;

    /** The core's ports and use cases the API reads and drives. */
    public record Ports(AdminAccounts accounts, Devices devices, Users users, Groups groups,
                        ActionRequests requests, CommandHistory history, AuditLog audit, RemoteActions actions,
                        InventoryImporter importer, EnrollmentCodeIssuer enrollmentCodes, Clock clock) {
    }

    public AdminApi(Ports p) {
        this.auth = new BearerAuth(p.accounts());
        this.devices = new DeviceEndpoints(p.devices(), p.users(), p.groups());
        this.users = new UserEndpoints(p.users(), p.devices());
        this.groups = new GroupEndpoints(p.groups(), p.devices(), p.audit(), p.clock());
        this.imports = new ImportEndpoint(p.importer());
        this.actions = new ActionEndpoints(p.actions(), p.requests(), p.history(), p.devices());
        this.audit = new AuditEndpoint(p.audit());
        this.enrollmentCodes = new EnrollmentCodeEndpoint(p.enrollmentCodes());
        this.approvals = new io.latchkey.api.actions.ApprovalEndpoints(actions::approvals);
        this.self = new io.latchkey.api.admin.SelfEndpoints(() -> {
            if (identities == null) {
                throw new IllegalStateException("administrator identities are not wired");
            }
            return identities;
        }, p.clock());
    }

    /** Serves the caller's own tokens and second factor ({@code /tokens}, {@code /me/totp}) with these use cases. */
    public AdminApi withIdentities(io.latchkey.core.admin.AdminIdentities adminIdentities) {
        this.identities = adminIdentities;
        return this;
    }

    /**
     * Checks every call against the caller's roles and their scopes (membership questions answered
     * by {@code search}); without it every call but the caller's own is refused.
     */
    public AdminApi withRoles(io.latchkey.core.access.RoleAssignments assignments,
                              io.latchkey.core.inventory.DeviceSearch search) {
        this.roleAssignments = assignments;
        this.scopes = new io.latchkey.core.access.DeviceScopes(search);
        if (graph != null) {
            graph.withRoles(assignments, scopes);
        }
        return this;
    }

    /** Serves role management ({@code /roles}, {@code /admins}) with these ports and use case. */
    public AdminApi withRoleManagement(io.latchkey.core.access.Roles roles,
                                       io.latchkey.core.admin.AdminDirectory admins,
                                       io.latchkey.core.access.RoleAdministration administration) {
        this.roles = roles;
        this.adminDirectory = admins;
        this.roleAdministration = administration;
        return this;
    }

    /** Serves {@code /devices/{id}/eas-access}: the EAS gateway's allow / block / quarantine of a device. */
    public AdminApi withEasAccess(io.latchkey.core.eas.EasAccessControl control) {
        easAccess.use(control);
        return this;
    }

    /** Also accepts OpenID Connect access tokens, on this API and the Graph-compatible one. */
    public AdminApi withFederation(io.latchkey.core.admin.FederatedAdmins federated) {
        auth.federate(federated);
        if (graph != null) {
            graph.federate(federated);
        }
        return this;
    }

    /**
     * Holds submissions an approval policy covers until a second administrator approves them
     * ({@code /approvals}), on this API and the Graph-compatible one.
     */
    public AdminApi withApprovals(io.latchkey.core.approval.ActionApprovals actionApprovals) {
        actions.useApprovals(actionApprovals);
        if (graph != null) {
            graph.withApprovals(actionApprovals);
        }
        return this;
    }

    /** Serves the Graph-compatible API ({@code /v1.0}, {@code /beta}) beside this one. */
    public AdminApi alongside(GraphApi graphApi) {
        this.graph = graphApi;
        if (roleAssignments != null) {
            graphApi.withRoles(roleAssignments, scopes);
        }
        if (actions.approvals() != null) {
            graphApi.withApprovals(actions.approvals());
        }
        return this;
    }

    /** Registers the token check, every endpoint, the error mapping and the OpenAPI description. */
    public void register(RoutesConfig routes) {
        ApiErrors.register(routes);
        routes.before(BASE + "/*", auth);
        routes.before(BASE + "/*", new AccessGuard(roleAssignments, scopes));
        devices.register(routes, BASE);
        easAccess.register(routes, BASE);
        users.register(routes, BASE);
        groups.register(routes, BASE);
        imports.register(routes, BASE);
        actions.register(routes, BASE);
        approvals.register(routes, BASE);
        matrix.register(routes, BASE);
        audit.register(routes, BASE);
        enrollmentCodes.register(routes, BASE);
        self.register(routes, BASE);
        if (roleAdministration != null) {
            new io.latchkey.api.access.RoleEndpoints(roles, roleAssignments, adminDirectory, roleAdministration)
                    .register(routes, BASE);
        }
        OpenApiEndpoint.register(routes);
        if (graph != null) {
            graph.register(routes);
        }
    }
}
