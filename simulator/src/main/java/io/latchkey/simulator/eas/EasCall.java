package io.latchkey.simulator.eas;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The stand-in upstream's reading of a request URI (MS-ASHTTP §2.2.1.1.1: plain or base64 query)
 * and its policy key header, independent of the gateway's parser.
 */
record EasCall(String cmd, String user, String deviceId, String deviceType, String version, String policyKey) {
    private static final String[] COMMANDS = new String[24];

    static {
        String[] names = {"Sync", "SendMail", "SmartForward", "SmartReply", "GetAttachment", null, null, null, null,
                "FolderSync", "FolderCreate", "FolderDelete", "FolderUpdate", "MoveItems", "GetItemEstimate",
                "MeetingResponse", "Search", "Settings", "Ping", "ItemOperations", "Provision", "ResolveRecipients",
                "ValidateCert", "Find"};
        System.arraycopy(names, 0, COMMANDS, 0, names.length);
    }

    static EasCall of(String rawQuery, String versionHeader, String policyKeyHeader) {
        if (rawQuery.contains("&")) {
            Map<String, String> q = new HashMap<>();
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                q.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
            return new EasCall(q.get("Cmd"), q.get("User"), q.get("DeviceId"), q.get("DeviceType"), versionHeader,
                    policyKeyHeader);
        }
        byte[] b = Base64.getDecoder().decode(URLDecoder.decode(rawQuery, StandardCharsets.UTF_8));
        int p = 0;
        String version = (b[p] & 0xFF) / 10 + "." + (b[p++] & 0xFF) % 10;
        String cmd = COMMANDS[b[p++]];
        p += 2;
        int n = b[p++];
        String deviceId = new String(b, p, n, StandardCharsets.UTF_8);
        p += n;
        n = b[p++];
        String key = null;
        if (n == 4) {
            long k = (b[p] & 0xFFL) | (b[p + 1] & 0xFFL) << 8 | (b[p + 2] & 0xFFL) << 16 | (b[p + 3] & 0xFFL) << 24;
            key = Long.toString(k);
        }
        p += n;
        n = b[p++];
        String type = new String(b, p, n, StandardCharsets.UTF_8);
        p += n;
        String user = null;
        while (p < b.length) {
            int tag = b[p++];
            n = b[p++];
            if (tag == 8) {
                user = new String(b, p, n, StandardCharsets.UTF_8);
            }
            p += n;
        }
        return new EasCall(cmd, user, deviceId, type, version, key);
    }

    int versionNumber() {
        String[] parts = version.split("\\.");
        return Integer.parseInt(parts[0]) * 10 + Integer.parseInt(parts[1]);
    }
}
