package io.latchkey.channel.eas.gateway;

import io.latchkey.channel.eas.http.EasCommand;
import io.latchkey.channel.eas.http.EasRequest;
import io.latchkey.channel.eas.http.EasRequestException;
import io.latchkey.channel.eas.http.EasRequests;
import io.latchkey.channel.eas.wbxml.Wbxml;
import io.latchkey.channel.eas.wbxml.WbxmlElement;
import io.latchkey.channel.eas.wbxml.WbxmlException;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.eas.DeviceInformation;
import io.latchkey.core.eas.EasAccess;
import io.latchkey.core.eas.EasDiscovery;
import io.latchkey.core.eas.Sighting;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.ManagementChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * The Exchange ActiveSync gateway (issue 10): {@code /Microsoft-Server-ActiveSync} in front of the
 * upstream Exchange. Each POST is read as MS-ASHTTP (400 when it is not), its device partnership
 * upserted ({@link EasDiscovery}), then in this order:
 * <ol>
 * <li>a wipe or retire due for an EAS-only device goes through Provision ({@link WipeFlow});</li>
 * <li>a blocked device is refused (Status 129 from 14.0, HTTP 403 before), a quarantined one too,
 *     except Settings and Provision, so it can still report itself;</li>
 * <li>everything else is forwarded as is: query, headers (the Authorization header untouched, never
 *     stored or logged), and the body streamed both ways. Only Settings and Provision bodies are
 *     read whole (bounded) and decoded, for the DeviceInformation.</li>
 * </ol>
 * A Ping held for a device whose wipe becomes due here ({@link #wake}) is cut short and answered
 * with the provisioning request, so the wipe does not wait for the heartbeat.
 */
public final class EasGateway {
    private static final Logger LOG = LoggerFactory.getLogger(EasGateway.class);
    public static final String ACTOR = "eas-gateway";
    /** Settings and Provision bodies are a few hundred bytes; anything near this is not a phone. */
    static final int MAX_DECODED_BODY = 64 * 1024;
    private static final Set<String> OPTIONS_HEADERS = Set.of("allow", "public", "ms-asprotocolversions",
            "ms-asprotocolcommands", "ms-server-activesync", "www-authenticate", "cache-control");

    private final Upstream upstream;
    private final EasDiscovery discovery;
    private final Map<UUID, Set<CompletableFuture<Void>>> heldPings = new ConcurrentHashMap<>();
    private final WipeFlow wipes;

    public EasGateway(Upstream upstream, EasDiscovery discovery, Devices devices, CommandOutbox outbox, Clock clock) {
        this.upstream = upstream;
        this.discovery = discovery;
        this.wipes = new WipeFlow(outbox, devices, discovery, clock);
    }

    /** Wipes or retires became due for these devices: their held Pings end now (see the class comment). */
    public void wake(Collection<UUID> deviceIds) {
        for (UUID id : deviceIds) {
            wipes.forget(id);
            Set<CompletableFuture<Void>> held = heldPings.get(id);
            if (held != null) {
                held.forEach(f -> f.complete(null));
            }
        }
    }

    /** How many Pings are held through the gateway right now. */
    public int heldPings() {
        return heldPings.values().stream().mapToInt(Set::size).sum();
    }

    public void handle(EasExchange ex) throws IOException {
        try {
            switch (ex.method().toUpperCase(Locale.ROOT)) {
                case "OPTIONS" -> options(ex);
                case "POST" -> post(ex);
                default -> plain(ex, 405, "ActiveSync takes OPTIONS and POST");
            }
        } catch (EasRequestException | WbxmlException e) {
            plain(ex, 400, e.getMessage());
        } catch (BodyTooLarge e) {
            plain(ex, 413, "a Settings or Provision body larger than " + MAX_DECODED_BODY + " bytes");
        }
    }

    private void options(EasExchange ex) throws IOException {
        HttpResponse<InputStream> r = call(ex, HttpRequest.BodyPublishers.noBody());
        if (r == null) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> {
            if (OPTIONS_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                headers.put(k, v);
            }
        });
        try (InputStream in = r.body()) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        ex.respond(r.statusCode(), headers);
    }

    private void post(EasExchange ex) throws IOException {
        EasRequest req = EasRequests.parse(ex.rawQuery(), ex::header);
        byte[] buffered = null;
        WbxmlElement decoded = null;
        if (req.command() == EasCommand.SETTINGS || req.command() == EasCommand.PROVISION) {
            buffered = readBounded(ex.requestBody());
            decoded = buffered.length == 0 ? null : Wbxml.decode(buffered);
        }
        String user = req.user() != null ? req.user() : BasicUser.name(ex.header("Authorization"));
        Optional<EasDiscovery.Seen> seen;
        try {
            seen = discovery.seen(new Sighting(req.deviceId(), req.deviceType(), user,
                    ex.header("User-Agent"), req.protocolVersion(), deviceInformation(decoded),
                    ex.header("Authorization") != null));
        } catch (RuntimeException e) {
            // The database is unreachable or saturated: mail goes on under the default rule, as EAS
            // gateways do when their management server is away (reference §5.5); the next request records it.
            LOG.warn("EAS device {}: not recorded ({}); the default access applies", req.deviceId(), e.toString());
            seen = Optional.empty();
        }
        Device device = seen.map(EasDiscovery.Seen::device).orElse(null);
        if (device != null && device.channel() == ManagementChannel.EAS && device.enrolled()
                && wipes.mayHave(device.id(), req.command()) && wipes.due(device.id()).isPresent()
                && wipes.answer(ex, req, device, decoded)) {
            return;
        }
        EasAccess access = seen.map(s -> s.partnership().access()).orElse(discovery.defaultAccess());
        boolean reporting = req.command() == EasCommand.SETTINGS || req.command() == EasCommand.PROVISION;
        if (access == EasAccess.BLOCKED || access == EasAccess.QUARANTINED && !reporting) {
            refuse(ex, req);
            return;
        }
        forward(ex, req, buffered, device);
    }

    private void refuse(EasExchange ex, EasRequest req) throws IOException {
        Optional<byte[]> body = EasReplies.status(req, EasReplies.BLOCKED);
        if (body.isPresent()) {
            EasReplies.send(ex, body.get());
        } else {
            ex.respond(403, Map.of()); // MS-ASHTTP §2.2.2.1.1: the user is not allowed to sync
        }
    }

    private void forward(EasExchange ex, EasRequest req, byte[] buffered, Device device) throws IOException {
        HttpRequest.BodyPublisher body = buffered != null ? HttpRequest.BodyPublishers.ofByteArray(buffered)
                : ex.contentLength() == 0 ? HttpRequest.BodyPublishers.noBody()
                : Upstream.stream(ex::requestBody, ex.contentLength());
        HttpResponse<InputStream> r;
        if (req.command() == EasCommand.PING && device != null && device.channel() == ManagementChannel.EAS) {
            r = held(ex, req, device, body);
        } else {
            r = call(ex, body);
        }
        if (r == null) {
            return;
        }
        Map<String, List<String>> headers = new LinkedHashMap<>();
        r.headers().map().forEach((k, v) -> {
            String name = k.toLowerCase(Locale.ROOT);
            if (!Upstream.NOT_FORWARDED.contains(name) || name.equals("content-length")) {
                headers.put(k, v);
            }
        });
        ex.respond(r.statusCode(), headers);
        try (InputStream in = r.body(); OutputStream out = ex.responseBody()) {
            in.transferTo(out);
        }
    }

    /** A Ping of an EAS device, which a wipe becoming due may end before the upstream answers. */
    private HttpResponse<InputStream> held(EasExchange ex, EasRequest req, Device device,
                                           HttpRequest.BodyPublisher body) throws IOException {
        CompletableFuture<Void> woken = new CompletableFuture<>();
        heldPings.computeIfAbsent(device.id(), k -> ConcurrentHashMap.newKeySet()).add(woken);
        if (!wipes.checkedRecently(device.id()) && wipes.due(device.id()).isPresent()) {
            woken.complete(null); // woken between the check in post() and this registration
        }
        CompletableFuture<HttpResponse<InputStream>> call = upstream.send("POST", ex.rawQuery(), ex.headers(), body);
        try {
            CompletableFuture.anyOf(call, woken).join();
        } catch (RuntimeException e) {
            // the upstream call failed: reported below
        } finally {
            heldPings.computeIfPresent(device.id(), (k, set) -> {
                set.remove(woken);
                return set.isEmpty() ? null : set;
            });
        }
        if (!call.isDone() && woken.isDone() && wipes.due(device.id()).isPresent()) {
            call.cancel(true);
            call.thenAccept(r -> close(r.body()));
            WipeFlow.askToProvision(ex, req);
            return null;
        }
        return await(ex, call);
    }

    private HttpResponse<InputStream> call(EasExchange ex, HttpRequest.BodyPublisher body) throws IOException {
        return await(ex, upstream.send(ex.method().toUpperCase(Locale.ROOT), ex.rawQuery(), ex.headers(), body));
    }

    private HttpResponse<InputStream> await(EasExchange ex, CompletableFuture<HttpResponse<InputStream>> call)
            throws IOException {
        try {
            return call.get();
        } catch (ExecutionException | CancellationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            LOG.warn("the upstream Exchange did not answer: {}", cause.toString());
            plain(ex, 503, "the upstream Exchange server did not answer");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            call.cancel(true);
            plain(ex, 503, "the gateway is stopping");
            return null;
        }
    }

    private static void close(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // nothing to do: the call was abandoned
        }
    }

    private static DeviceInformation deviceInformation(WbxmlElement body) {
        if (body == null) {
            return null;
        }
        Optional<WbxmlElement> set = body.at("DeviceInformation", "Set");
        return set.map(s -> new DeviceInformation(s.textAt("Model").orElse(null), s.textAt("OS").orElse(null),
                s.textAt("IMEI").orElse(null), s.textAt("FriendlyName").orElse(null))).orElse(null);
    }

    private static byte[] readBounded(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_DECODED_BODY + 1);
        if (data.length > MAX_DECODED_BODY) {
            throw new BodyTooLarge();
        }
        return data;
    }

    private static void plain(EasExchange ex, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        ex.respond(status, Map.of("Content-Type", List.of("text/plain; charset=utf-8")));
        try (OutputStream out = ex.responseBody()) {
            out.write(body);
        }
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }
}
