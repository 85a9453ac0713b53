package io.latchkey.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.channel.apple.identity.ForwardedCertificate;
import io.latchkey.channel.apple.identity.IdentityRefused;
import io.latchkey.channel.windows.enrollment.ProvisioningSettings;
import io.latchkey.channel.windows.enrollment.WindowsEnrollmentService;
import io.latchkey.channel.windows.mdm.WindowsMdmEndpoint;
import io.latchkey.server.net.AddressRanges;

import java.io.IOException;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.Supplier;

/**
 * The Windows endpoints (shared/reference/windows-mdm.md §1, §2): MS-MDE2 discovery, policy and
 * enrollment under {@code /EnrollmentServer/}, and the OMA-DM management URL. Windows enrolls only
 * over https, so the URLs handed out are the public URL's, which must be https (Latchkey's own
 * TLS, or a proxy in front).
 */
final class WindowsRoutes {
    static final String DISCOVERY = "/EnrollmentServer/Discovery.svc";
    static final String POLICY = "/EnrollmentServer/Policy.svc";
    static final String ENROLLMENT = "/EnrollmentServer/Enrollment.svc";
    static final String MANAGEMENT = "/ManagementServer/MDM.svc";
    static final String PROVIDER_ID = "LATCHKEY";
    private static final String SOAP = "application/soap+xml; charset=utf-8";
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final String TLS_CERTIFICATE_ATTRIBUTE = "jakarta.servlet.request.X509Certificate";

    private final WindowsEnrollmentService enrollment;
    private final WindowsMdmEndpoint management;
    private final Supplier<URI> publicUrl;
    private final String identityHeader;
    private final AddressRanges trustedProxies;

    WindowsRoutes(WindowsEnrollmentService enrollment, WindowsMdmEndpoint management, Supplier<URI> publicUrl,
                  String identityHeader, List<String> trustedProxies) {
        this.enrollment = enrollment;
        this.management = management;
        this.publicUrl = publicUrl;
        this.identityHeader = identityHeader;
        this.trustedProxies = AddressRanges.of(trustedProxies);
    }

    void register(RoutesConfig routes) {
        // The device first probes the discovery URL with an empty GET and expects a 200 (capture, line 23).
        routes.get(DISCOVERY, ctx -> ctx.status(200).result(""));
        routes.post(DISCOVERY, ctx -> soap(ctx, body -> enrollment.discover(body, at(POLICY), at(ENROLLMENT))));
        routes.post(POLICY, ctx -> soap(ctx, enrollment::policies));
        routes.post(ENROLLMENT, ctx -> soap(ctx, body -> enrollment.enroll(body,
                ProvisioningSettings.of(PROVIDER_ID, "Latchkey", at(MANAGEMENT)))));
        routes.post(MANAGEMENT, this::manage);
    }

    private interface SoapCall {
        byte[] answer(byte[] body);
    }

    private void soap(Context ctx, SoapCall call) throws IOException {
        byte[] body = BoundedBody.read(ctx, MAX_BODY_BYTES);
        if (body == null) {
            ctx.status(413).result("");
            return;
        }
        ctx.status(200).contentType(SOAP).result(call.answer(body));
    }

    private void manage(Context ctx) throws IOException {
        byte[] body = BoundedBody.read(ctx, MAX_BODY_BYTES);
        if (body == null) {
            ctx.status(413).result("");
            return;
        }
        WindowsMdmEndpoint.Answer answer = management.handle(body, ctx.header("Content-Type"), certificate(ctx),
                ctx.ip());
        ctx.status(answer.status());
        if (answer.body().length > 0) {
            ctx.contentType(WindowsMdmEndpoint.CONTENT_TYPE);
        }
        ctx.result(answer.body());
    }

    /** The TLS client certificate, or the one a trusted proxy forwards; null when there is neither. */
    private X509Certificate certificate(Context ctx) {
        if (ctx.req().getAttribute(TLS_CERTIFICATE_ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0) {
            return chain[0];
        }
        if (identityHeader != null && trustedProxies.contains(ctx.ip()) && ctx.header(identityHeader) != null) {
            try {
                return ForwardedCertificate.parse(ctx.header(identityHeader));
            } catch (IdentityRefused e) {
                return null;
            }
        }
        return null;
    }

    private URI at(String path) {
        return URI.create(publicUrl.get().toString().replaceAll("/+$", "") + path);
    }
}
