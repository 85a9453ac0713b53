package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service-account keys the stand-in issues, and the OAuth JWT-bearer exchange that checks them:
 * the assertion must be RS256-signed by the key its {@code iss} names (RFC 7523; the key file
 * format of https://cloud.google.com/iam/docs/keys-create-delete).
 */
final class ServiceAccounts {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    String newKey(String tokenUri, String projectId) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            KeyPair pair = g.generateKeyPair();
            String email = "latchkey-" + hex(4) + "@" + projectId + ".iam.gserviceaccount.com";
            keys.put(email, pair.getPublic());
            ObjectNode key = MAPPER.createObjectNode();
            key.put("type", "service_account");
            key.put("project_id", projectId);
            key.put("private_key_id", hex(20));
            key.put("private_key", "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(pair.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
            key.put("client_email", email);
            key.put("client_id", Long.toUnsignedString(random.nextLong()));
            key.put("token_uri", tokenUri);
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(key);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The token endpoint, the JWT-bearer grant: a signed assertion from a key issued here, for an access token. */
    void tokenEndpoint(HttpExchange ex, String form) throws IOException {
        Map<String, List<String>> f = StandInHttp.query(form);
        String assertion = StandInHttp.one(f, "assertion");
        if (!"urn:ietf:params:oauth:grant-type:jwt-bearer".equals(StandInHttp.one(f, "grant_type"))
                || assertion == null) {
            StandInHttp.replyRaw(ex, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        String token = exchange(assertion);
        if (token == null) {
            StandInHttp.replyRaw(ex, 400,
                    "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}");
            return;
        }
        StandInHttp.replyRaw(ex, 200,
                "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":3599}");
    }

    /** An access token for a valid assertion, or null. */
    String exchange(String assertion) {
        String[] parts = assertion.split("\\.");
        if (parts.length != 3) {
            return null;
        }
        try {
            JsonNode claims = MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
            PublicKey key = keys.get(claims.path("iss").asText());
            if (key == null || claims.path("exp").asLong() * 1000 < System.currentTimeMillis()) {
                return null;
            }
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!s.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return null;
            }
            String token = "ya29.sim-" + hex(24);
            tokens.add(token);
            return token;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    boolean validToken(String token) {
        return tokens.contains(token);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
