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
    private volatile EasAccessControl control;

    /** Serves with this use case; until then every call is 404 (no partnership can be known). */
    public void use(EasAccessControl useCase) {
        this.control = useCase;
    }

    private EasAccessControl control(UUID id) {
        EasAccessControl c = control;
        if (c == null) {
            throw noPartnership(id);
        }
        return c;
    }

    public void register(RoutesConfig routes, String base) {
        routes.get(base + "/devices/{id}/eas-access", this::get);
        routes.put(base + "/devices/{id}/eas-access", this::put);
    }

    private void get(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        io.latchkey.api.AccessGuard.requireDevice(ctx, io.latchkey.core.access.Permission.READ_DEVICES, id);
        ctx.json(view(control(id).of(id).orElseThrow(() -> noPartnership(id))));
    }

    private void put(Context ctx) {
        UUID id = Params.pathId(ctx, "id");
        io.latchkey.api.AccessGuard.requireDevice(ctx, io.latchkey.core.access.Permission.MANAGE_DEVICES, id);
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
        if (!control(id).set(id, access, Params.actor(ctx))) {
            throw noPartnership(id);
        }
        ctx.json(view(control(id).of(id).orElseThrow(() -> noPartnership(id))));
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
