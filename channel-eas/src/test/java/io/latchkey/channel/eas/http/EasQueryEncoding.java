package io.latchkey.channel.eas.http;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Writes a request in either query form, as a client does (MS-ASHTTP §2.2.1.1.1), for the tests. */
final class EasQueryEncoding {
    private static final Map<String, Integer> TAGS = Map.of("AttachmentName", 0, "CollectionId", 1, "ItemId", 3,
            "LongId", 4, "Occurrence", 6, "Options", 7, "User", 8);

    private EasQueryEncoding() {
    }

    static String plain(EasRequest r) {
        StringBuilder q = new StringBuilder("Cmd=").append(r.command().wireName());
        if (r.user() != null) {
            q.append("&User=").append(enc(r.user()));
        }
        q.append("&DeviceId=").append(enc(r.deviceId())).append("&DeviceType=").append(enc(r.deviceType()));
        r.parameters().forEach((k, v) -> q.append('&').append(enc(k)).append('=').append(enc(v)));
        return q.toString();
    }

    static String base64(EasRequest r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(r.versionNumber());
        out.write(r.command().code());
        out.write(0x09);
        out.write(0x04); // locale 0x0409, en-US, little-endian
        field(out, r.deviceId().getBytes(StandardCharsets.UTF_8));
        if (r.policyKey() == null) {
            out.write(0);
        } else {
            out.write(4);
            for (int i = 0; i < 4; i++) {
                out.write((int) (r.policyKey() >>> (8 * i)) & 0xFF);
            }
        }
        field(out, r.deviceType().getBytes(StandardCharsets.UTF_8));
        r.parameters().forEach((k, v) -> {
            out.write(TAGS.get(k));
            field(out, k.equals("Options") ? new byte[]{(byte) Integer.parseInt(v)} : v.getBytes(StandardCharsets.UTF_8));
        });
        if (r.user() != null) {
            out.write(8);
            field(out, r.user().getBytes(StandardCharsets.UTF_8));
        }
        return enc(Base64.getEncoder().encodeToString(out.toByteArray()));
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length);
        out.writeBytes(value);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
