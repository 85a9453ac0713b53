package io.latchkey.server.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.AdminApi;
import io.latchkey.api.Json;
import io.latchkey.api.Params;
import io.latchkey.channel.android.AndroidEnrollment;
import io.latchkey.channel.android.AndroidNotifications;
import io.latchkey.channel.android.EnrollmentKind;
import io.latchkey.channel.android.PubSubNotification;
import io.latchkey.channel.android.PushAuthenticator;
import io.latchkey.channel.android.QrPng;
import io.latchkey.core.Rejected;
import io.latchkey.core.enrollment.AndroidEnterprises;
import io.latchkey.server.android.AndroidParts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Android channel's HTTP side: the Pub/Sub push endpoint ({@value #PUSH}, authenticated by the
 * Google-signed ID token of an authenticated push subscription or by the shared token in its URL,
 * see {@link PushAuthenticator}; a notification only triggers a read of the API) and the admin endpoints for the enterprise binding and
 * enrollment tokens (under the admin API, so behind its bearer tokens).
 */
final class AndroidRoutes {
    static final String PUSH = "/android/pubsub";
    static final String SIGNUP_DONE = "/android/signup-complete";
    private static final Logger LOG = LoggerFactory.getLogger(AndroidRoutes.class);
    private static final int MAX_PUSH_BYTES = 256 * 1024;

    private final AndroidParts android;
    private final AndroidEnterprises enterprises;
    private final Supplier<URI> publicUrl;
    private final Duration tokenLifetime;

    AndroidRoutes(AndroidParts android, AndroidEnterprises enterprises, Supplier<URI> publicUrl,
                  Duration tokenLifetime) {
        this.android = android;
        this.enterprises = enterprises;
        this.publicUrl = publicUrl;
        this.tokenLifetime = tokenLifetime;
    }

    void register(RoutesConfig routes) {
        String base = AdminApi.BASE + "/android";
        routes.post(PUSH, this::push);
        routes.get(SIGNUP_DONE, ctx -> ctx.contentType("text/plain; charset=utf-8").header("Cache-Control", "no-store")
                .result("Google returned an enterprise token. Bind it with POST " + base
                        + "/enterprise {\"signupUrlName\": …, \"enterpriseToken\": …} or 'latchkey android bind'.\n"));
        routes.get(base + "/enterprise", ctx -> ctx.json(enterprises.current().orElseThrow(() ->
                Rejected.notFound("no Android Enterprise is bound"))));
        routes.post(base + "/signup-urls", this::signupUrl);
        routes.post(base + "/enterprise", this::bind);
        routes.post(AdminApi.BASE + "/users/{id}/android-enrollment-tokens", this::token);
    }

    private void push(Context ctx) throws IOException {
        PushAuthenticator.Result auth = android == null
                ? new PushAuthenticator.Result(PushAuthenticator.Verdict.REFUSED, "the Android channel is off")
                : android.pushAuth().check(ctx.header("Authorization"), ctx.queryParam("token"));
        if (!auth.accepted()) {
            // The reason names the failed check, never the token.
            LOG.info("refused an Android push notification from {}: {}", ctx.ip(), auth.reason());
            ctx.status(switch (auth.verdict()) {
                case NO_CREDENTIALS -> 401;
                case UNVERIFIABLE -> 503; // the certificates could not be fetched: Pub/Sub delivers again
                default -> 403;
            }).result("");
            return;
        }
        byte[] body = BoundedBody.read(ctx, MAX_PUSH_BYTES);
        if (body == null) {
            ctx.status(413).result("");
            return;
        }
        PubSubNotification n;
        try {
            n = PubSubNotification.parse(body);
        } catch (PubSubNotification.Malformed e) {
            LOG.info("refused a malformed Android push notification from {}: {}", ctx.ip(), e.getMessage());
            ctx.status(400).result("");
            return;
        }
        try {
            // 503 only for an answer that overtook its operation's name: Pub/Sub delivers it again.
            boolean later = android.notifications().handle(n) == AndroidNotifications.Handled.RETRY_LATER;
            ctx.status(later ? 503 : 204).result("");
        } catch (IOException e) {
            // Google unreachable: a non-2xx answer makes Pub/Sub deliver the message again later.
            LOG.warn("could not check an Android {} notification with the API: {}", n.type(), e.toString());
            ctx.status(503).result("");
        }
    }

    private void signupUrl(Context ctx) {
        ObjectNode body = ctx.body().isBlank() ? Json.mapper().createObjectNode() : Json.objectBody(ctx);
        Json.onlyFields(body, "the signup URL request", Set.of("callbackUrl"));
        String callback = Json.text(body, "callbackUrl");
        if (callback == null) {
            callback = publicUrl.get().toString().replaceAll("/+$", "") + SIGNUP_DONE;
        }
        var url = enrollment().signupUrl(callback, Params.actor(ctx));
        ctx.status(201).json(Map.of("name", url.getName(), "url", url.getUrl()));
    }

    private void bind(Context ctx) {
        ObjectNode body = Json.objectBody(ctx);
        Json.onlyFields(body, "the enterprise binding", Set.of("signupUrlName", "enterpriseToken", "displayName"));
        ctx.status(201).json(enrollment().bind(Json.text(body, "signupUrlName"), Json.text(body, "enterpriseToken"),
                Json.text(body, "displayName"), Params.actor(ctx)));
    }

    private void token(Context ctx) {
        var userId = Params.pathId(ctx, "id");
        EnrollmentKind kind = EnrollmentKind.FULLY_MANAGED;
        if (!ctx.body().isBlank()) {
            ObjectNode body = Json.objectBody(ctx);
            Json.onlyFields(body, "the enrollment token request", Set.of("mode"));
            String mode = Json.text(body, "mode");
            if (mode != null) {
                kind = EnrollmentKind.parse(mode);
            }
        }
        AndroidEnrollment.IssuedToken t = enrollment().token(userId, kind, tokenLifetime, Params.actor(ctx));
        ctx.header("Cache-Control", "no-store");
        String accept = ctx.header("Accept");
        if ("png".equals(ctx.queryParam("format")) || (accept != null && accept.startsWith("image/png"))) {
            ctx.status(201).contentType("image/png").result(QrPng.of(t.qrContent()));
            return;
        }
        Map<String, Object> view = new java.util.LinkedHashMap<>();
        view.put("name", t.name());
        view.put("value", t.value());
        view.put("mode", t.kind().wireName());
        view.put("userId", t.userId());
        view.put("qrCode", t.qrCode());
        view.put("enrollmentLink", t.enrollmentLink());
        view.put("expiresAt", t.expiresAt());
        ctx.status(201).json(view);
    }

    private AndroidEnrollment enrollment() {
        if (android == null) {
            throw Rejected.conflict("the Android channel is off: set android.service.account.key");
        }
        return android.enrollment();
    }
}
