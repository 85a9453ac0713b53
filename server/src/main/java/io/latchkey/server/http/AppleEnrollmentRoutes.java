package io.latchkey.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.ApiException;
import io.latchkey.channel.apple.profile.EnrollmentProfileWriter;
import io.latchkey.channel.apple.scep.ScepReply;
import io.latchkey.channel.apple.scep.ScepResponder;
import io.latchkey.server.apple.AppleEnrollment;

import java.util.Base64;

/**
 * The unauthenticated Apple enrollment endpoints: SCEP (RFC 8894 §4) at {@value AppleEnrollment#SCEP_PATH}
 * and the per-user profile at {@value AppleEnrollment#PROFILE_PATH}. A request that is not SCEP at all
 * gets a 400 in the API's JSON error shape; a SCEP message refused by the CA gets a FAILURE CertRep
 * with HTTP 200, as RFC 8894 §3.3.2 asks.
 */
final class AppleEnrollmentRoutes {
    /** PKIOperation messages are a few KB; anything much larger is not one. */
    private static final int MAX_SCEP_MESSAGE_BYTES = 256 * 1024;

    private final AppleEnrollment apple;

    AppleEnrollmentRoutes(AppleEnrollment apple) {
        this.apple = apple;
    }

    void register(RoutesConfig routes) {
        routes.get(AppleEnrollment.SCEP_PATH, this::scepGet);
        routes.post(AppleEnrollment.SCEP_PATH, this::scepPost);
        routes.get(AppleEnrollment.PROFILE_PATH, ctx -> profile(ctx, ctx.queryParam("code")));
        routes.post(AppleEnrollment.PROFILE_PATH, ctx -> profile(ctx, formCode(ctx)));
    }

    private void scepGet(Context ctx) {
        String operation = operation(ctx);
        ScepResponder scep = apple.scep();
        switch (operation) {
            case "GetCACaps" -> ctx.contentType(ScepResponder.CAPS_CONTENT_TYPE).result(scep.capabilities());
            case "GetCACert" -> ctx.contentType(ScepResponder.CA_CERT_CONTENT_TYPE).result(scep.caCertificate());
            case "PKIOperation" -> pkiOperation(ctx, decodeMessage(ctx.queryParam("message")));
            default -> throw unknownOperation(operation);
        }
    }

    /**
     * POST PKIOperation: the message is the body. A {@code message} query parameter, which some
     * clients repeat on a POST (shared/reference/apple-mdm.md §5), is ignored.
     */
    private void scepPost(Context ctx) {
        String operation = operation(ctx);
        if (!operation.equals("PKIOperation")) {
            throw unknownOperation(operation);
        }
        byte[] body;
        try {
            // Read no more than a SCEP message can be, instead of the whole request size limit first.
            body = BoundedBody.read(ctx, MAX_SCEP_MESSAGE_BYTES);
        } catch (java.io.IOException e) {
            throw ApiException.badRequest("the SCEP message could not be read: " + e.getMessage());
        }
        if (body == null) {
            throw new ApiException(413, "too_large", "a SCEP message is at most " + MAX_SCEP_MESSAGE_BYTES + " bytes");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("PKIOperation needs the SCEP message as the request body");
        }
        pkiOperation(ctx, body);
    }

    private void pkiOperation(Context ctx, byte[] message) {
        ScepReply reply = apple.pkiOperation(message);
        ctx.contentType(ScepReply.CONTENT_TYPE).result(reply.body());
    }

    private static String operation(Context ctx) {
        String operation = ctx.queryParam("operation");
        if (operation == null || operation.isBlank()) {
            throw ApiException.badRequest("SCEP needs ?operation=GetCACaps, GetCACert or PKIOperation");
        }
        return operation;
    }

    private static ApiException unknownOperation(String operation) {
        return ApiException.badRequest("unsupported SCEP operation for this method: '"
                + operation.substring(0, Math.min(operation.length(), 40)) + "'");
    }

    /**
     * GET PKIOperation carries the message base64 in the query, standard or URL-safe (RFC 8894
     * §4.1 and clients without POSTPKIOperation); a '+' that form decoding turned into a space is restored.
     */
    private static byte[] decodeMessage(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("GET PKIOperation needs the SCEP message in ?message= (base64)");
        }
        String normalized = raw.trim().replace(' ', '+').replace('-', '+').replace('_', '/')
                .replace("\r", "").replace("\n", "");
        try {
            return Base64.getDecoder().decode(normalized);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("the SCEP message in ?message= is not base64");
        }
    }

    /**
     * The code of a POSTed form. Only a urlencoded form is read: a multipart body is parsed by the
     * servlet container, which throws on a malformed one, and a profile form has one short field.
     */
    private static String formCode(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().split(";", 2)[0].trim();
        if (!type.equalsIgnoreCase("application/x-www-form-urlencoded")) {
            throw new ApiException(415, "unsupported_media_type",
                    "POST the code as an application/x-www-form-urlencoded form (code=…), or GET ?code=");
        }
        return ctx.formParam("code");
    }

    /** The profile holds a secret (the code): never cached, downloaded as a file. */
    private void profile(Context ctx, String code) {
        if (code == null || code.isBlank()) {
            throw ApiException.badRequest("the enrollment profile needs ?code=, the one-time code issued for the user");
        }
        byte[] profile = apple.profile(code.trim()).orElseThrow(() -> ApiException.notFound(
                "no usable enrollment code: it is unknown, already used or expired; ask for a new one"));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"latchkey-enroll.mobileconfig\"");
        ctx.contentType(EnrollmentProfileWriter.CONTENT_TYPE).result(profile);
    }
}
