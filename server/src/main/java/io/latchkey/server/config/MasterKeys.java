package io.latchkey.server.config;

import io.latchkey.core.secret.MasterKey;
import io.latchkey.core.secret.MasterKeyring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Where the master keys come from (issue 8 item 5): {@code secret.key} (a comma-separated list of
 * base64 keys, from the file, LATCHKEY_SECRET_KEY or the flag), or a key file with one base64 key
 * per line ({@code secret.key.file}, default {@code <data-dir>/secret.key}, generated once). The
 * first key is the primary. Never the database. A key file is read again whenever a data key names
 * a master key not seen yet, which is what lets an operator rotate without restarting: list the new
 * key first in every node's file, then run {@code latchkey keys rotate}.
 *
 * @param inline the keys given as a setting; empty when a file is used
 * @param file   the key file; null when the keys are given as a setting
 */
public record MasterKeys(List<byte[]> inline, Path file) {
    public MasterKeys {
        inline = inline == null ? List.of() : inline.stream().map(byte[]::clone).toList();
        if (inline.isEmpty() == (file == null)) {
            throw new IllegalArgumentException("master keys come from a setting or a file, exactly one");
        }
    }

    /** Parses the setting: base64 keys separated by commas; null when a key is not 32 bytes of base64. */
    static List<byte[]> parseList(String raw) {
        List<byte[]> keys = new ArrayList<>();
        for (String part : raw.split(",")) {
            byte[] key = decode(part.trim());
            if (key == null) {
                return null;
            }
            keys.add(key);
        }
        return keys;
    }

    /** The keyring as the source the sealer asks; for a file, each call reads it. */
    public MasterKeyring.Source source() {
        if (file == null) {
            MasterKeyring ring = new MasterKeyring(inline.stream().map(MasterKey::new).toList());
            return () -> ring;
        }
        return () -> read(file);
    }

    /** The configured keys, or the default file in the data directory, generated when missing. */
    public static MasterKeys orDefault(MasterKeys configured, Path dataDir) {
        if (configured != null) {
            return configured;
        }
        SecretKeyFile.Loaded made = Files.exists(dataDir.resolve(SecretKeyFile.NAME)) ? null
                : SecretKeyFile.loadOrCreate(dataDir);
        if (made != null && made.generated()) {
            org.slf4j.LoggerFactory.getLogger(MasterKeys.class).info("generated a new master key into {} (mode 0600);"
                    + " back it up apart from the database: stored secrets cannot be read without it", made.file());
        }
        return new MasterKeys(List.of(), dataDir.resolve(SecretKeyFile.NAME));
    }

    static MasterKeyring read(Path file) {
        List<MasterKey> keys = new ArrayList<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the master key file " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceFirst("#.*", "").trim();
            if (line.isEmpty()) {
                continue;
            }
            byte[] key = decode(line);
            if (key == null) {
                // never echo the line: it may be a key with a typo
                throw new IllegalStateException("line " + (i + 1) + " of " + file + " is not a base64 32-byte key");
            }
            keys.add(new MasterKey(key));
        }
        if (keys.isEmpty()) {
            throw new IllegalStateException(file + " holds no master key");
        }
        return new MasterKeyring(keys);
    }

    private static byte[] decode(String text) {
        try {
            byte[] key = Base64.getDecoder().decode(text);
            return key.length == 32 ? key : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return file == null ? "MasterKeys[" + inline.size() + " from the setting, ****]" : "MasterKeys[file " + file + "]";
    }
}
