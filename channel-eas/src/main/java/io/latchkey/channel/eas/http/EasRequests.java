package io.latchkey.channel.eas.http;

import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Reads an ActiveSync request's URI query and headers (MS-ASHTTP §2.2.1.1): the plain-text query
 * ({@code Cmd=Sync&User=…&DeviceId=…&DeviceType=…}, §2.2.1.1.1.2) with the MS-ASProtocolVersion and
 * X-MS-PolicyKey headers (§2.2.1.1.2.6, §2.2.1.1.2.8), or the base64-encoded query value
 * (§2.2.1.1.1.1) that carries all of them in one byte sequence. Anything else is an
 * {@link EasRequestException}: the gateway answers 400 and forwards nothing.
 */
public final class EasRequests {
    static final int MAX_QUERY = 4096;
    static final int MAX_ID = 128;
    static final int MAX_USER = 256;
    /** Base64 command parameter tags, MS-ASHTTP §2.2.1.1.1.1.3. */
    private static final Map<Integer, String> PARAMETER_TAGS = Map.of(0, "AttachmentName", 1, "CollectionId",
            3, "ItemId", 4, "LongId", 6, "Occurrence", 7, "Options", 8, "User");

    private EasRequests() {
    }

    /**
     * @param rawQuery the URI's query, still percent-encoded
     * @param header   the request's headers by (case-insensitive) name; null when absent
     */
    public static EasRequest parse(String rawQuery, Function<String, String> header) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            throw new EasRequestException("no query: an ActiveSync POST names its command, user and device in the URI");
        }
        if (rawQuery.length() > MAX_QUERY) {
            throw new EasRequestException("query longer than " + MAX_QUERY + " characters");
        }
        // A plain query has at least four parameters; a base64 value never holds '&' (RFC 2045 alphabet).
        return rawQuery.indexOf('&') >= 0 || rawQuery.startsWith("Cmd=") ? plain(rawQuery, header) : base64(rawQuery);
    }

    private static EasRequest plain(String rawQuery, Function<String, String> header) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (params.putIfAbsent(name, value) != null) {
                throw new EasRequestException("URI parameter " + name + " given twice");
            }
        }
        String cmd = required(params.remove("Cmd"), "Cmd");
        EasCommand command = EasCommand.byName(cmd)
                .orElseThrow(() -> new EasRequestException("unknown ActiveSync command '" + clip(cmd) + "'"));
        String user = checked(params.remove("User"), "User", MAX_USER, false);
        String deviceId = checked(required(params.remove("DeviceId"), "DeviceId"), "DeviceId", MAX_ID, true);
        String deviceType = checked(required(params.remove("DeviceType"), "DeviceType"), "DeviceType", MAX_ID, true);
        String version = header.apply("MS-ASProtocolVersion");
        if (version == null) {
            throw new EasRequestException("the MS-ASProtocolVersion header is required with a plain-text query");
        }
        ProtocolVersions.number(version);
        return new EasRequest(command, user, deviceId, deviceType, version.trim(), policyKey(header.apply("X-MS-PolicyKey")),
                params, false);
    }

    private static EasRequest base64(String rawQuery) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(decode(rawQuery).trim());
        } catch (IllegalArgumentException e) {
            throw new EasRequestException("the query is neither plain text nor base64 (MS-ASHTTP §2.2.1.1.1)");
        }
        Cursor in = new Cursor(bytes);
        String version = ProtocolVersions.fromByte(in.next("protocol version"));
        if (ProtocolVersions.number(version) < 121) {
            throw new EasRequestException("the base64 query needs protocol 12.1 or later, not " + version);
        }
        int code = in.next("command code");
        EasCommand command = EasCommand.byCode(code)
                .orElseThrow(() -> new EasRequestException("unknown ActiveSync command code " + code));
        in.next("locale");
        in.next("locale");
        String deviceId = checked(in.string("device ID"), "DeviceId", MAX_ID, true);
        int keyLength = in.next("policy key length");
        Long policyKey = null;
        if (keyLength == 4) {
            long key = 0;
            for (int i = 0; i < 4; i++) {
                key |= ((long) in.next("policy key")) << (8 * i); // little-endian
            }
            policyKey = key;
        } else if (keyLength != 0) {
            throw new EasRequestException("policy key length " + keyLength + " (0 or 4)");
        }
        String deviceType = checked(in.string("device type"), "DeviceType", MAX_ID, true);
        Map<String, String> params = new LinkedHashMap<>();
        while (in.remaining() > 0) {
            int tag = in.next("parameter tag");
            String name = PARAMETER_TAGS.get(tag);
            if (name == null) {
                throw new EasRequestException("unknown command parameter tag " + tag);
            }
            byte[] value = in.bytes("parameter " + name);
            params.put(name, name.equals("Options") ? Integer.toString(value.length == 0 ? 0 : value[0] & 0xFF)
                    : utf8(value, name));
        }
        String user = checked(params.remove("User"), "User", MAX_USER, false);
        return new EasRequest(command, user, deviceId, deviceType, version, policyKey, params, true);
    }

    private static Long policyKey(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long key = Long.parseLong(header.trim());
            if (key < 0 || key > 0xFFFF_FFFFL) {
                throw new NumberFormatException();
            }
            return key;
        } catch (NumberFormatException e) {
            // MS-ASPROV §2.2.2.42: "a string representation of a 32-bit unsigned integer"
            throw new EasRequestException("X-MS-PolicyKey is not a 32-bit unsigned integer");
        }
    }

    private static String required(String value, String name) {
        if (value == null || value.isEmpty()) {
            throw new EasRequestException("URI parameter " + name + " is required");
        }
        return value;
    }

    private static String checked(String value, String name, int max, boolean identifier) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new EasRequestException(name + " longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || identifier && (c == ' ' || c > 0x7E)) {
                throw new EasRequestException(name + " holds a character it may not (" + (int) c + ")");
            }
        }
        return value;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new EasRequestException("bad percent-encoding in the query");
        }
    }

    private static String utf8(byte[] value, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            throw new EasRequestException(name + " is not UTF-8");
        }
    }

    private static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    private static final class Cursor {
        private final byte[] data;
        private int pos;

        Cursor(byte[] data) {
            this.data = data;
        }

        int next(String what) {
            if (pos >= data.length) {
                throw new EasRequestException("the base64 query ends where the " + what + " was expected");
            }
            return data[pos++] & 0xFF;
        }

        byte[] bytes(String what) {
            int length = next(what + " length");
            if (length > data.length - pos) {
                throw new EasRequestException("the base64 query ends inside the " + what);
            }
            byte[] out = java.util.Arrays.copyOfRange(data, pos, pos + length);
            pos += length;
            return out;
        }

        String string(String what) {
            byte[] b = bytes(what);
            if (b.length == 0) {
                throw new EasRequestException("the " + what + " is empty");
            }
            return utf8(b, what);
        }

        int remaining() {
            return data.length - pos;
        }
    }
}
