package io.latchkey.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.channel.apple.identity.MdmSignatureVerifier;
import io.latchkey.channel.apple.mdm.DeviceRequest;
import io.latchkey.channel.apple.mdm.MdmAnswer;
import io.latchkey.channel.apple.mdm.MdmEndpoint;
import io.latchkey.server.apple.AppleEnrollment;
import io.latchkey.server.net.AddressRanges;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Function;

/**
 * The Apple check-in ({@value AppleEnrollment#CHECKIN_PATH}) and command ({@value AppleEnrollment#SERVER_PATH})
 * endpoints. Devices PUT (shared/reference/apple-mdm.md §1); POST is accepted too, for clients and
 * proxies that rewrite the method. A proxy's certificate header is read only when configured and
 * only from the proxies named, so no client can claim another device's certificate.
 */
final class AppleMdmRoutes {
    /** Check-ins and reports are a few KB; DeviceInformation with every query stays well below this. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String TLS_CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final MdmEndpoint endpoint;
    private final String identityHeader;
    private final AddressRanges trustedProxies;

    AppleMdmRoutes(MdmEndpoint endpoint, String identityHeader, List<String> trustedProxies) {
        this.endpoint = endpoint;
        this.identityHeader = identityHeader;
        this.trustedProxies = AddressRanges.of(trustedProxies);
    }

    void register(RoutesConfig routes) {
        routes.put(AppleEnrollment.CHECKIN_PATH, ctx -> serve(ctx, endpoint::checkin));
        routes.post(AppleEnrollment.CHECKIN_PATH, ctx -> serve(ctx, endpoint::checkin));
        routes.put(AppleEnrollment.SERVER_PATH, ctx -> serve(ctx, endpoint::command));
        routes.post(AppleEnrollment.SERVER_PATH, ctx -> serve(ctx, endpoint::command));
    }

    private void serve(Context ctx, Function<DeviceRequest, MdmAnswer> handler) throws IOException {
        byte[] body = BoundedBody.read(ctx, MAX_BODY_BYTES);
        if (body == null) {
            ctx.status(413).result("");
            return;
        }
        MdmAnswer answer = handler.apply(new DeviceRequest(body, ctx.header("Content-Type"),
                ctx.header(MdmSignatureVerifier.HEADER), tlsCertificate(ctx), forwarded(ctx), ctx.ip()));
        ctx.status(answer.status());
        if (answer.body().length > 0) {
            ctx.contentType(MdmAnswer.PLIST_CONTENT_TYPE);
        }
        // Zero bytes, not an empty plist, ends the device's exchange (apple-mdm.md §1).
        ctx.result(answer.body());
    }

    private String forwarded(Context ctx) {
        if (identityHeader == null || !trustedProxies.contains(ctx.ip())) {
            return null;
        }
        return ctx.header(identityHeader);
    }

    private static X509Certificate tlsCertificate(Context ctx) {
        Object chain = ctx.req().getAttribute(TLS_CERTIFICATE_ATTRIBUTE);
        return chain instanceof X509Certificate[] certs && certs.length > 0 ? certs[0] : null;
    }
}
