package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset-paging cursor: the sort key and id of the last row a page returned, plus a tag
 * naming the list and order it belongs to, so a cursor from another list is refused rather than
 * silently misread. Clients must treat it as opaque; only its shape is stable within a version.
 */
public final class Cursor {
    private final List<String> parts;

    private Cursor(List<String> parts) {
        this.parts = parts;
    }

    public static String encode(String tag, String... values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(tag);
            out.writeByte(values.length);
            for (String v : values) {
                out.writeUTF(v);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /** Null for a null or empty cursor (the first page); {@link Rejected} when malformed or from another list. */
    public static Cursor decode(String cursor, String tag, int size) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Base64.getUrlDecoder().decode(cursor)))) {
            if (!in.readUTF().equals(tag)) {
                throw Rejected.invalid("the cursor belongs to another list or order");
            }
            int n = in.readUnsignedByte();
            if (n != size) {
                throw Rejected.invalid("malformed cursor");
            }
            List<String> parts = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                parts.add(in.readUTF());
            }
            if (in.available() > 0) {
                throw Rejected.invalid("malformed cursor");
            }
            return new Cursor(parts);
        } catch (IOException | IllegalArgumentException e) {
            throw Rejected.invalid("malformed cursor");
        }
    }

    public String get(int index) {
        return parts.get(index);
    }

    public java.util.UUID uuid(int index) {
        try {
            return java.util.UUID.fromString(parts.get(index));
        } catch (IllegalArgumentException e) {
            throw Rejected.invalid("malformed cursor");
        }
    }

    public long number(int index) {
        try {
            return Long.parseLong(parts.get(index));
        } catch (NumberFormatException e) {
            throw Rejected.invalid("malformed cursor");
        }
    }

    private static final long MIN_MICROS = -62_135_596_800_000_000L; // 0001-01-01T00:00:00Z
    private static final long MAX_MICROS = 253_402_300_799_999_999L; // 9999-12-31T23:59:59.999999Z

    /** Instants travel as epoch microseconds, the precision both databases keep. */
    public static String micros(java.time.Instant t) {
        return Long.toString(java.time.temporal.ChronoUnit.MICROS.between(java.time.Instant.EPOCH, t));
    }

    public java.time.Instant instant(int index) {
        long micros = number(index);
        // Both databases keep years 1..9999 only; a forged value outside must be a 400, not a 500.
        if (micros < MIN_MICROS || micros > MAX_MICROS) {
            throw Rejected.invalid("malformed cursor");
        }
        return java.time.Instant.EPOCH.plus(micros, java.time.temporal.ChronoUnit.MICROS);
    }
}
