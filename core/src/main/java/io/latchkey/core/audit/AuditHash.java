package io.latchkey.core.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The audit log's hash chain: entry n's hash is SHA-256 over entry n−1's hash, n, and the entry's
 * fields, so editing, removing or reordering any entry breaks every hash after it, and the chain's
 * head (the last hash) certifies the whole log. Each field is written with its length first, so no
 * two different entries have the same input. Times count in microseconds, the precision both
 * databases keep, so an entry read back hashes as it was written.
 */
public final class AuditHash {
    /** The hash before the first entry. */
    public static final String GENESIS = "0".repeat(64);

    private AuditHash() {
    }

    /** The time as stored: microseconds, so the hash of an entry read back equals the one written. */
    public static Instant stored(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    public static String of(String previousHash, long number, AuditEvent e) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
        Instant at = stored(e.at());
        StringBuilder in = new StringBuilder(256);
        field(in, previousHash);
        field(in, Long.toString(number));
        field(in, e.id().toString());
        field(in, at.getEpochSecond() + "." + String.format("%06d", at.getNano() / 1_000));
        field(in, e.actor());
        field(in, e.source());
        field(in, e.action());
        field(in, e.targetType());
        field(in, e.target());
        field(in, e.detail());
        return HexFormat.of().formatHex(sha.digest(in.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder in, String value) {
        if (value == null) {
            in.append("-1:");
            return;
        }
        in.append(value.length()).append(':').append(value);
    }
}
