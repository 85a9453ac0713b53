package io.latchkey.channel.eas.gateway;

import io.latchkey.channel.eas.http.EasCommand;
import io.latchkey.channel.eas.http.EasRequest;
import io.latchkey.channel.eas.wbxml.Wbxml;
import io.latchkey.channel.eas.wbxml.WbxmlElement;

import java.util.Optional;

/** The answers the gateway writes itself instead of Exchange's. */
final class EasReplies {
    /** MS-ASCMD §2.2.2 common status: the device is blocked for this user (DeviceIsBlockedForThisUser). */
    static final int BLOCKED = 129;
    /** MS-ASCMD §2.2.2 common status: a remote wipe is requested; the client provisions (RemoteWipeRequested). */
    static final int REMOTE_WIPE_REQUESTED = 140;

    private EasReplies() {
    }

    /**
     * The command's own response element carrying only a top-level Status, when the client speaks
     * 14.0 or later and the command has one (MS-ASCMD §2.2.3.177.x); empty when the answer must be
     * at the HTTP level instead (12.1 and older: 403 / 449, MS-ASHTTP §2.2.2.1.1).
     */
    static Optional<byte[]> status(EasRequest request, int status) {
        EasCommand cmd = request.command();
        if (request.versionNumber() < 140 || cmd.statusNamespace().isEmpty()) {
            return Optional.empty();
        }
        String ns = cmd.statusNamespace().get();
        return Optional.of(Wbxml.encode(WbxmlElement.of(ns, cmd.wireName(),
                WbxmlElement.text(ns, "Status", Integer.toString(status)))));
    }

    /**
     * A Provision answer with a wipe directive (MS-ASPROV §3.2.5.1.2: RemoteWipe, or on 16.1
     * AccountOnlyRemoteWipe, both empty in a response per §2.2.2.1 / §2.2.2.47).
     */
    static byte[] wipeDirective(String directive, int provisionStatus) {
        return Wbxml.encode(WbxmlElement.of("Provision", "Provision",
                WbxmlElement.text("Provision", "Status", Integer.toString(provisionStatus)),
                WbxmlElement.of("Provision", directive)));
    }

    /** Writes a WBXML answer with HTTP 200. */
    static void send(EasExchange ex, byte[] body) throws java.io.IOException {
        ex.respond(200, java.util.Map.of("Content-Type", java.util.List.of("application/vnd.ms-sync.wbxml"),
                "Content-Length", java.util.List.of(Integer.toString(body.length))));
        try (java.io.OutputStream out = ex.responseBody()) {
            out.write(body);
        }
    }

    /** The answer to the device's acknowledgement of a wipe that succeeded. */
    static byte[] provisionOk() {
        return Wbxml.encode(WbxmlElement.of("Provision", "Provision", WbxmlElement.text("Provision", "Status", "1")));
    }
}
