package io.latchkey.console;

import io.javalin.config.RoutesConfig;
import io.latchkey.console.pages.AuditPage;
import io.latchkey.console.pages.DeviceListPage;
import io.latchkey.console.pages.DevicePage;
import io.latchkey.console.pages.HomePage;
import io.latchkey.console.pages.LoginPage;
import io.latchkey.console.pages.OidcLoginPage;
import io.latchkey.console.pages.TaskPages;
import io.latchkey.console.pages.UserPages;
import io.latchkey.console.pages.AndroidEnrollmentPage;
import io.latchkey.console.web.Guard;
import io.latchkey.console.web.QrCodes;
import io.latchkey.console.web.Renderer;
import io.latchkey.console.web.Sessions;
import io.latchkey.console.web.StaticFiles;
import io.latchkey.console.web.Web;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.enrollment.EnrollmentCodeIssuer;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.Users;

import java.time.Clock;
import java.time.ZoneId;

/**
 * The web console under {@value Guard#PREFIX}: server-rendered pages (JTE) with htmx for the live
 * parts, in English and French. An HTTP adapter like the API: it drives the same core use cases
 * ({@link RemoteActions} for every task and every secret reveal) and reads the same ports.
 */
public final class Console {
    private final Guard guard;
    private final StaticFiles files = new StaticFiles();
    private final LoginPage login;
    private final HomePage home;
    private final DeviceListPage lists;
    private final DevicePage device;
    private final UserPages users;
    private final TaskPages tasks;
    private final AuditPage audit;
    private final Web web;
    private OidcLoginPage oidc;
    private volatile io.latchkey.console.pages.ApprovalPages approvals;

    /** The core's ports and use cases the console reads and drives; {@code zone} is for dates shown. */
    public record Ports(AdminAccounts accounts, Devices devices, Users users, Groups groups,
                        ActionRequests requests, CommandHistory history, AuditLog audit, RemoteActions actions,
                        EnrollmentCodeIssuer enrollmentCodes, AndroidTokens android, Clock clock, ZoneId zone,
                        io.latchkey.core.admin.AdminIdentities identities) {
    }

    public Console(Ports p) {
        Sessions sessions = new Sessions(p.clock());
        this.guard = new Guard(sessions);
        this.web = new Web(p.groups(), new Renderer(), p.zone());
        this.login = new LoginPage(web, p.identities().signIn(), sessions, p.clock());
        this.tasks = new TaskPages(web, p.actions(), p.requests(), p.history(), p.devices());
        this.home = new HomePage(web, p.devices(), p.requests(), tasks);
        this.lists = new DeviceListPage(web, p.devices(), p.users(), p.groups(), p.history());
        this.device = new DevicePage(web, p.devices(), p.users(), p.history());
        this.users = new UserPages(web, p.users(), p.devices(), p.enrollmentCodes(),
                new AndroidEnrollmentPage(web, p.android(), new QrCodes(p.clock())));
        this.audit = new AuditPage(web, p.audit(), p.zone());
    }

    /** Shows each device's EAS partnership and lets the administrator allow, quarantine or block its mail. */
    public Console withEasAccess(io.latchkey.core.eas.EasAccessControl control) {
        device.easAccess(control);
        return this;
    }

    /**
     * Offers "Sign in with …" through an OpenID Connect provider; call before {@link #register}.
     *
     * @param redirect        the callback registered at the provider; null derives it from each request
     * @param passwordOnlyFor null, or the one administrator who may still sign in with a password
     */
    public Console withOpenId(io.latchkey.core.admin.OpenIdSignIn signIn, java.net.URI redirect,
                              String passwordOnlyFor) {
        this.oidc = new OidcLoginPage(web, signIn, login, redirect, passwordOnlyFor);
        return this;
    }

    /** Checks every page against the signed-in admin's roles and scopes (fail closed without it). */
    public Console withRoles(io.latchkey.console.web.ConsoleAccess access) {
        guard.access(access);
        return this;
    }

    /**
     * Holds the tasks an approval policy covers and serves the Approvals page; {@code admins} gives
     * the signed-in administrator's account, permissions and roles.
     */
    public Console withApprovals(io.latchkey.core.approval.ActionApprovals actionApprovals,
                                 java.util.function.Function<io.latchkey.core.audit.Actor,
                                         io.latchkey.core.approval.AdminActor> admins) {
        tasks.useApprovals(actionApprovals, admins);
        this.approvals = new io.latchkey.console.pages.ApprovalPages(web, actionApprovals, admins);
        return this;
    }

    private io.javalin.http.Handler approvals(java.util.function.BiConsumer<io.latchkey.console.pages.ApprovalPages,
            io.javalin.http.Context> call) {
        return web.safe(ctx -> {
            var pages = approvals;
            if (pages == null) {
                web.error(ctx, 404, web.messages(ctx).m("approvals.off"));
            } else {
                call.accept(pages, ctx);
            }
        });
    }

    public void register(RoutesConfig routes) {
        String c = Guard.PREFIX;
        routes.before(c, guard::handle);
        routes.before(c + "/*", guard::handle);
        routes.get(c + "/static/{name}", files::serve);
        routes.get(c + "/login", web.safe(login::form));
        routes.post(c + "/login", web.safe(login::signIn));
        routes.post(c + "/login/code", web.safe(login::code));
        routes.post(c + "/logout", web.safe(login::signOut));
        if (oidc != null) {
            routes.get(c + "/login/oidc", web.safe(oidc::begin));
            routes.get(OidcLoginPage.CALLBACK, web.safe(oidc::callback));
        }
        routes.get(c + "/lang", web.safe(login::language));
        routes.get(c, web.safe(home::show));
        routes.get(c + "/groups/{group}", web.safe(lists::group));
        routes.get(c + "/groups/{group}/count", web.safe(lists::groupCount));
        routes.get(c + "/users", web.safe(users::list));
        routes.get(c + "/users/{id}", web.safe(users::show));
        routes.get(c + "/users/{id}/devices", web.safe(lists::ofUser));
        routes.get(c + "/users/{id}/devices/count", web.safe(lists::userCount));
        routes.post(c + "/users/{id}/enrollment/apple", web.safe(users::enrollApple));
        routes.post(c + "/users/{id}/enrollment/windows", web.safe(users::enrollWindows));
        routes.post(c + "/users/{id}/enrollment/android", web.safe(users::enrollAndroid));
        routes.get(c + "/enrollment/android/qr/{handle}", web.safe(users::androidQr));
        routes.get(c + "/devices/{id}", web.safe(device::show));
        routes.post(c + "/devices/{id}/eas-access", web.safe(device::setEasAccess));
        routes.post(c + "/tasks/confirm", web.safe(tasks::confirm));
        routes.post(c + "/tasks", web.safe(tasks::submit));
        routes.get(c + "/tasks", web.safe(tasks::recent));
        routes.get(c + "/tasks/{id}", web.safe(tasks::show));
        routes.get(c + "/tasks/{id}/progress", web.safe(tasks::fragment));
        routes.post(c + "/tasks/{id}/cancel", web.safe(tasks::cancel));
        routes.post(c + "/commands/{id}/secret", web.safe(tasks::reveal));
        routes.get(c + "/audit", web.safe(audit::show));
        routes.get(c + "/approvals", approvals((p, ctx) -> p.list(ctx)));
        routes.post(c + "/approvals/{id}/approve", approvals((p, ctx) -> p.approve(ctx)));
        routes.post(c + "/approvals/{id}/reject", approvals((p, ctx) -> p.reject(ctx)));
        routes.post(c + "/approvals/{id}/cancel", approvals((p, ctx) -> p.cancel(ctx)));
    }
}
