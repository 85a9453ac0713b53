package io.latchkey.ca;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Pkcs12CaDirectoryTest {

    @TempDir
    Path dataDir;

    @Test
    void the_ca_is_created_once_and_reloaded_after_a_restart() throws Exception {
        var store = new Pkcs12CaDirectory(dataDir.resolve("pki"), "s3cret".toCharArray());
        CaIdentity first = SelfSignedCa.openOrCreate(store, "Latchkey Device CA", 2048, TestPki.CLOCK);
        assertThat(Files.exists(store.file())).isTrue();
        assertThat(Files.getPosixFilePermissions(store.file()))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

        var restarted = new Pkcs12CaDirectory(dataDir.resolve("pki"), "s3cret".toCharArray());
        AtomicInteger created = new AtomicInteger();
        CaIdentity again = restarted.load().orElseGet(() -> {
            created.incrementAndGet();
            return null;
        });
        assertThat(created).hasValue(0);
        assertThat(again.certificate()).isEqualTo(first.certificate());
        assertThat(again.privateKey().getEncoded()).isEqualTo(first.privateKey().getEncoded());
        assertThat(SelfSignedCa.openOrCreate(restarted, "ignored", 2048, TestPki.CLOCK).certificate())
                .isEqualTo(first.certificate());
        first.certificate().verify(first.certificate().getPublicKey());
        assertThat(first.certificate().getBasicConstraints()).isEqualTo(0);
        assertThat(first.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
    }

    @Test
    void a_wrong_password_is_said_plainly() {
        var store = new Pkcs12CaDirectory(dataDir, "right".toCharArray());
        store.save(TestPki.ca());
        assertThatThrownBy(() -> new Pkcs12CaDirectory(dataDir, "wrong".toCharArray()).load())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("wrong password");
    }
}
