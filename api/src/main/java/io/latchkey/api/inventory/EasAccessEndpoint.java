package io.latchkey.api.inventory;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.latchkey.api.ApiException;
import io.latchkey.api.Params;
import io.latchkey.core.eas.EasAccess;
import io.latchkey.core.eas.EasAccessControl;
import io.latchkey.core.eas.EasPartnership;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@code GET|PUT /devices/{id}/eas-access}: a phone's Exchange ActiveSync partnership as the gateway
 * sees it, and the administrator's allow / block / quarantine of its mail (audited by the use case).
 */
public final class EasAccessEndpoint {
    private final EasAccessControl control;

    public EasAccessEndpoint(EasAccessControl control) {
        this.control = control;
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/devices/{id}/eas-access", this::get);
        routes.put(base + "/devices/{id}/eas-access", this::put);
    }

    private void get(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        ctx.json(view(control.of(id).orElseThrow(() -> noPartnership(id))));
    }

    private void put(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        Object raw;
        try {
            raw = ctx.bodyAsClass(Map.class).get("access");
        } catch (RuntimeException e) {
            throw ApiException.badRequest("the body must be JSON: {\"access\": \"allowed\" | \"quarantined\" | \"blocked\"}");
        }
        EasAccess access;
        try {
            access = EasAccess.parse(raw instanceof String s ? s : null);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        if (!control.set(id, access, Params.actor(ctx))) {
            throw noPartnership(id);
        }
        ctx.json(view(control.of(id).orElseThrow(() -> noPartnership(id))));
    }

    private static ApiException noPartnership(UUID id) {
        return ApiException.notFound("device " + id + " has no Exchange ActiveSync partnership");
    }

    static Map<String, Object> view(EasPartnership p) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("deviceId", p.deviceId());
        out.put("easDeviceId", p.easDeviceId());
        out.put("deviceType", p.deviceType());
        out.put("user", p.user());
        out.put("userAgent", p.userAgent());
        out.put("protocolVersion", p.protocolVersion());
        out.put("access", p.access().wireName());
        out.put("firstSeen", p.firstSeen());
        out.put("model", p.info().model());
        out.put("os", p.info().os());
        out.put("imei", p.info().imei());
        out.put("friendlyName", p.info().friendlyName());
        return out;
    }
}
