package io.latchkey.server.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The key that seals secrets at rest when none is configured: generated once into
 * {@code <data-dir>/secret.key}, readable by the owner only. Losing it makes stored secrets
 * unreadable, so it is never regenerated over an existing file.
 */
public final class SecretKeyFile {
    public static final String NAME = "secret.key";

    public record Loaded(byte[] key, Path file, boolean generated) {
    }

    private SecretKeyFile() {
    }

    public static Loaded loadOrCreate(Path dataDir) {
        return loadOrCreate(dataDir, NAME);
    }

    /** The same for another 32-byte secret of the server, e.g. the Apple CA keystore password. */
    public static Loaded loadOrCreate(Path dir, String name) {
        Path file = dir.resolve(name);
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                try {
                    create(file, Base64.getEncoder().encodeToString(key) + "\n");
                    return new Loaded(key, file, true);
                } catch (FileAlreadyExistsException e) {
                    // another process created it first: read theirs
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
            if (key.length != 32) {
                throw new IllegalStateException(file + " does not hold a base64 32-byte key");
            }
            return new Loaded(key, file, false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the secret key file " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(file + " does not hold a base64 32-byte key", e);
        }
    }

    private static void create(Path file, String content) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file); // not a POSIX file system
        }
        Files.writeString(file, content);
    }
}
