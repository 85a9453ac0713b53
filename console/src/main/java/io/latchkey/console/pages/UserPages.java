package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.latchkey.console.AndroidTokens;
import io.latchkey.console.web.Web;
import io.latchkey.core.Rejected;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.EnrollmentCodeIssuer;
import io.latchkey.core.enrollment.IssuedCode;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;

import java.time.Instant;
import java.util.UUID;

/**
 * All Users, a user's properties page (the source document's way to a device: All Users › the
 * user › Devices) and the user's enrollment: an Apple profile to download or a Windows code, each
 * a one-time code shown on this answer only, or an Android token's QR code.
 */
public final class UserPages {
    private static final int PAGE_SIZE = 50;

    private final Web web;
    private final Users users;
    private final Devices devices;
    private final EnrollmentCodeIssuer codes;
    private final AndroidEnrollmentPage android;

    public UserPages(Web web, Users users, Devices devices, EnrollmentCodeIssuer codes, AndroidEnrollmentPage android) {
        this.web = web;
        this.users = users;
        this.devices = devices;
        this.codes = codes;
        this.android = android;
    }

    public record ListView(String q, Page<User> page, boolean firstPage) {
    }

    /** {@code android} says whether the Android enrollment form can be offered, or why not. */
    public record UserView(User user, long deviceCount, AndroidTokens.Availability android) {
    }

    /** A code just issued: {@code link} is the Apple profile's download address, null for Windows. */
    public record EnrollmentView(User user, String channel, String code, String link, Instant expiresAt) {
        @Override
        public String toString() {
            return "EnrollmentView[user=" + user.id() + ", channel=" + channel + "]";
        }
    }

    public void list(Context ctx) {
        String q = ctx.queryParam("q");
        String cursor = ctx.queryParam("cursor");
        boolean first = cursor == null || cursor.isBlank();
        web.page(ctx, "users", new ListView(q == null ? "" : q,
                users.page(q == null || q.isBlank() ? null : q.trim(), io.latchkey.console.web.ConsoleAccess.grants(ctx)
                        .groups(io.latchkey.core.access.Permission.READ_DEVICES), first ? null : cursor, PAGE_SIZE),
                first));
    }

    public void show(Context ctx) {
        User user = user(ctx);
        web.page(ctx, "user", new UserView(user, devices.count(io.latchkey.console.web.ConsoleAccess.grants(ctx)
                .narrow(io.latchkey.core.access.Permission.READ_DEVICES, DeviceFilter.user(user.id()))),
                android.availability()));
    }

    public void enrollApple(Context ctx) {
        User user = user(ctx);
        IssuedCode issued = codes.issue(user.id(), ChannelKind.APPLE_MDM, web.actor(ctx));
        String link = "/enroll/apple/profile?code=" + issued.code();
        web.page(ctx, "enrollment", new EnrollmentView(user, "apple", issued.code(), link, issued.expiresAt()));
    }

    public void enrollWindows(Context ctx) {
        User user = user(ctx);
        IssuedCode issued = codes.issue(user.id(), ChannelKind.WINDOWS_MDM, web.actor(ctx));
        web.page(ctx, "enrollment", new EnrollmentView(user, "windows", issued.code(), null, issued.expiresAt()));
    }

    public void enrollAndroid(Context ctx) {
        android.issue(ctx, user(ctx));
    }

    public void androidQr(Context ctx) {
        android.qr(ctx);
    }

    private User user(Context ctx) {
        UUID id = Web.uuid(ctx.pathParam("id"));
        // A user the scope does not show is unknown to this admin.
        return users.find(id).filter(u -> io.latchkey.console.web.ConsoleAccess.seesUser(ctx, id))
                .orElseThrow(() -> Rejected.notFound("no user " + id));
    }
}
