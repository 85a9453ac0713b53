package io.latchkey.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MasterKeysTest {
    @TempDir
    Path dir;

    @Test
    void severalKeysInTheSettingTheFirstPrimary() {
        String a = key();
        String b = key();
        Settings s = SettingsLoader.load(Map.of(Option.SECRET_KEY, b + ", " + a), null, Map.of());

        var ring = s.secretKey().source().current();
        assertThat(ring.keys()).hasSize(2);
        assertThat(ring.primary().id()).isEqualTo(new io.latchkey.core.secret.MasterKey(Base64.getDecoder().decode(b)).id());
        assertThat(s.toString()).doesNotContain(a, b);
    }

    @Test
    void aKeyFileIsReadAgainSoANewPrimaryNeedsNoRestart() throws Exception {
        Path file = dir.resolve("keys");
        String a = key();
        Files.writeString(file, "# the master keys\n" + a + "\n\n");
        Settings s = SettingsLoader.load(Map.of(Option.SECRET_KEY_FILE, file.toString()), null, Map.of());
        var source = s.secretKey().source();
        String before = source.current().primary().id();

        String b = key();
        Files.writeString(file, b + "\n" + a + "\n");

        assertThat(source.current().primary().id()).isNotEqualTo(before);
        assertThat(source.current().byId(before)).isPresent();
    }

    @Test
    void aBadKeyFileLineIsNamedButNeverShown() throws Exception {
        Path file = dir.resolve("keys");
        String typo = key().substring(3);
        Files.writeString(file, key() + "\n" + typo + "\n");

        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SettingsLoader.load(Map.of(Option.SECRET_KEY_FILE, file.toString()), null, Map.of()));

        assertThat(e.getMessage()).contains("line 2 of").doesNotContain(typo);
    }

    @Test
    void keysAndAKeyFileTogetherAreRefused() throws Exception {
        Path file = dir.resolve("keys");
        Files.writeString(file, key() + "\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.SECRET_KEY_FILE, file.toString(), Option.SECRET_KEY, key()), null, Map.of()));

        assertThat(e.getMessage()).contains("not both");
    }

    @Test
    void withoutKeysTheDataDirectoryFileIsGeneratedOnceAndKept() {
        var first = MasterKeys.orDefault(null, dir).source().current().primary().id();
        var again = MasterKeys.orDefault(null, dir).source().current().primary().id();

        assertThat(again).isEqualTo(first);
        assertThat(Files.exists(dir.resolve(SecretKeyFile.NAME))).isTrue();
    }

    private static String key() {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return Base64.getEncoder().encodeToString(k);
    }
}
