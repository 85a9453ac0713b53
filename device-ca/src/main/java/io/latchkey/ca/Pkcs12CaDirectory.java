package io.latchkey.ca;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The device CA as one PKCS#12 file, {@value #FILE_NAME}, in the server's data directory. The
 * file is written to a temporary name and moved into place, so a crash never leaves half a CA,
 * and is readable by the owner only where the file system has POSIX permissions.
 */
public final class Pkcs12CaDirectory implements CaIdentityStore {

    public static final String FILE_NAME = "apple-device-ca.p12";
    private static final String ALIAS = "apple-device-ca";

    private final Path file;
    private final char[] password;

    public Pkcs12CaDirectory(Path directory, char[] password) {
        this.file = directory.resolve(FILE_NAME);
        this.password = password.clone();
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<CaIdentity> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, password);
            Certificate cert = ks.getCertificate(ALIAS);
            if (!(ks.getKey(ALIAS, password) instanceof PrivateKey key) || !(cert instanceof X509Certificate x509)) {
                throw new IllegalStateException(file + " holds no CA key entry named " + ALIAS);
            }
            return Optional.of(new CaIdentity(x509, key));
        } catch (IOException e) {
            // A wrong password surfaces as an IOException from PKCS#12; say so rather than "I/O error".
            throw new IllegalStateException("cannot open the device CA in " + file
                    + " (wrong password or damaged file?)", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the device CA in " + file, e);
        }
    }

    @Override
    public void save(CaIdentity identity) {
        try {
            Files.createDirectories(file.getParent());
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry(ALIAS, identity.privateKey(), password, new Certificate[] {identity.certificate()});
            Path tmp = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            ownerOnly(tmp);
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the device CA to " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encode the device CA", e);
        }
    }

    private static void ownerOnly(Path p) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the directory's ACL is the operator's to set.
        }
    }
}
