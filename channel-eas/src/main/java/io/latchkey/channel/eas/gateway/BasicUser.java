package io.latchkey.channel.eas.gateway;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The user name of a Basic Authorization header (RFC 7617), for a base64 query that names no User.
 * Only the part before the colon is kept; the password is never looked at beyond finding the colon.
 */
final class BasicUser {
    private BasicUser() {
    }

    static String name(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            byte[] decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
            int colon = 0;
            while (colon < decoded.length && decoded[colon] != ':') {
                colon++;
            }
            String user = new String(decoded, 0, colon, StandardCharsets.UTF_8);
            java.util.Arrays.fill(decoded, (byte) 0);
            return user.isBlank() || user.length() > 256 ? null : user;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
