package io.latchkey.console.pages;

import io.javalin.http.Context;
import io.latchkey.console.AndroidTokens;
import io.latchkey.console.web.Guard;
import io.latchkey.console.web.QrCodes;
import io.latchkey.console.web.Web;
import io.latchkey.core.inventory.User;

import java.time.Instant;

/**
 * A user's Android enrollment: the admin picks how the device enrolls, the channel issues a
 * one-time token, and the page shows its QR code (an image served from this session only), the
 * enrollment link and the expiry.
 */
public final class AndroidEnrollmentPage {
    private final Web web;
    private final AndroidTokens tokens;
    private final QrCodes qrCodes;

    public AndroidEnrollmentPage(Web web, AndroidTokens tokens, QrCodes qrCodes) {
        this.web = web;
        this.tokens = tokens;
        this.qrCodes = qrCodes;
    }

    /** A token just issued; {@code qrPath} is the image's console address. */
    public record AndroidView(User user, AndroidTokens.Kind kind, String qrPath, String link, Instant expiresAt) {
        @Override
        public String toString() {
            return "AndroidView[user=" + user.id() + ", kind=" + kind + "]";
        }
    }

    public AndroidTokens.Availability availability() {
        return tokens.availability();
    }

    void issue(Context ctx, User user) {
        AndroidTokens.Availability availability = tokens.availability();
        if (availability != AndroidTokens.Availability.READY) {
            web.error(ctx, 409, web.messages(ctx).m("enroll.android." + availability.name().toLowerCase()));
            return;
        }
        AndroidTokens.Kind kind = AndroidTokens.Kind.parse(ctx.formParam("kind"));
        AndroidTokens.Issued issued = tokens.issue(user.id(), kind, web.actor(ctx));
        String handle = qrCodes.hold(Guard.session(ctx).id(), issued.qrContent(), issued.expiresAt());
        web.page(ctx, "enrollAndroid", new AndroidView(user, kind, Guard.PREFIX + "/enrollment/android/qr/" + handle,
                issued.enrollmentLink(), issued.expiresAt()));
    }

    /** The QR code as a PNG, for the session that issued the token and until the token expires. */
    public void qr(Context ctx) {
        var content = qrCodes.content(ctx.pathParam("handle"), Guard.session(ctx).id());
        if (content.isEmpty()) {
            web.error(ctx, 404, web.messages(ctx).m("enroll.android.qrGone"));
            return;
        }
        ctx.contentType("image/png").result(tokens.qrPng(content.get()));
    }
}
