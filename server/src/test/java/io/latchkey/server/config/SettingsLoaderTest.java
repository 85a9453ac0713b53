package io.latchkey.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SettingsLoaderTest {

    @TempDir
    Path dir;

    @Test
    void defaults_give_the_embedded_database_in_the_data_dir() {
        Settings s = SettingsLoader.load(Map.of(), null, Map.of());

        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.bind()).isEqualTo("0.0.0.0");
        assertThat(s.dataDir()).isEqualTo(Path.of("./data").toAbsolutePath().normalize());
        assertThat(s.embedded()).isTrue();
        assertThat(s.databaseUrl()).startsWith("jdbc:sqlite:").contains(s.dataDir().toString());
        assertThat(s.embeddedEngine()).isEqualTo("SQLite");
        assertThat(s.secretKey()).isNull();
        assertThat(s.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(s.defaultActionTtl()).isEqualTo(Duration.ofDays(7));
        assertThat(s.migrateOnStart()).isTrue();
        assertThat(s.bootstrapAdminUser()).isEqualTo("admin");
        assertThat(s.bootstrapAdminToken()).isNull();
    }

    @Test
    void a_data_dir_holding_only_an_earlier_h2_database_keeps_it() throws IOException {
        Path old = Files.createDirectories(dir.resolve("old"));
        Files.write(old.resolve("latchkey.mv.db"), new byte[] {0});
        Settings s = SettingsLoader.load(Map.of(Option.DATA_DIR, old.toString()), null, Map.of());
        assertThat(s.databaseUrl()).startsWith("jdbc:h2:file:");
        assertThat(s.embeddedEngine()).isEqualTo("H2");
        assertThat(s.toString()).contains("embedded H2");

        Files.write(old.resolve("latchkey.sqlite"), new byte[0]);
        assertThat(SettingsLoader.load(Map.of(Option.DATA_DIR, old.toString()), null, Map.of()).databaseUrl())
                .as("once copied to SQLite, the SQLite file wins").startsWith("jdbc:sqlite:");
    }

    @Test
    void file_is_overridden_by_env_which_is_overridden_by_flags() throws IOException {
        Path file = dir.resolve("latchkey.properties");
        Files.writeString(file, "port=7000\nbind=127.0.0.1\nlog.format=json\ndefault.action.ttl=12h\n");

        Settings fileOnly = SettingsLoader.load(Map.of(), file, Map.of());
        Settings fileAndEnv = SettingsLoader.load(Map.of(), file, Map.of("LATCHKEY_PORT", "7001"));
        Settings all = SettingsLoader.load(Map.of(Option.PORT, "7002"), file, Map.of("LATCHKEY_PORT", "7001"));

        assertThat(fileOnly.port()).isEqualTo(7000);
        assertThat(fileAndEnv.port()).isEqualTo(7001);
        assertThat(all.port()).isEqualTo(7002);
        assertThat(all.bind()).isEqualTo("127.0.0.1");
        assertThat(all.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(all.defaultActionTtl()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void config_file_can_be_named_by_the_environment() throws IOException {
        Path file = dir.resolve("from-env.properties");
        Files.writeString(file, "data.dir=" + dir.resolve("d") + "\n");

        Settings s = SettingsLoader.load(Map.of(), null, Map.of("LATCHKEY_CONFIG", file.toString()));

        assertThat(s.dataDir()).isEqualTo(dir.resolve("d"));
    }

    @Test
    void every_problem_is_reported_at_once_with_its_source() throws IOException {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "prot=1\nlog.format=xml\n");

        ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                Map.of(Option.PORT, "70000"), file,
                Map.of("LATCHKEY_DEFAULT_ACTION_TTL", "soon", "LATCHKEY_MIGRATE_ON_START", "maybe")));

        assertThat(e.problems()).hasSize(5);
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("unknown key 'prot'"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("port").contains("70000")
                .contains("flag --port"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("log.format").contains("config file"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("default.action.ttl")
                .contains("LATCHKEY_DEFAULT_ACTION_TTL"));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains("migrate.on.start"));
    }

    @Test
    void secret_values_are_never_repeated_in_errors_or_toString() {
        String badKey = "not-base64-but-secret-material";
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SettingsLoader.load(Map.of(Option.SECRET_KEY, badKey), null, Map.of()));
        assertThat(e.getMessage()).contains("secret.key").doesNotContain(badKey);

        String key = Base64.getEncoder().encodeToString(new byte[32]);
        Settings s = SettingsLoader.load(Map.of(Option.SECRET_KEY, key, Option.DATABASE_PASSWORD, "db-pass-123",
                Option.BOOTSTRAP_ADMIN_TOKEN, "token-0123456789-abcdef"), null, Map.of());
        assertThat(s.secretKey().inline()).hasSize(1);
        assertThat(s.toString()).doesNotContain("db-pass-123", "token-0123456789-abcdef", key);
    }

    @Test
    void the_request_size_limit_is_in_mebibytes_64_by_default_and_bounded() {
        assertThat(SettingsLoader.load(Map.of(), null, Map.of()).maxRequestBytes()).isEqualTo(64L << 20);
        assertThat(SettingsLoader.load(Map.of(), null, Map.of("LATCHKEY_HTTP_MAX_REQUEST_MB", "200"))
                .maxRequestBytes()).isEqualTo(200L << 20);
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> SettingsLoader.load(Map.of(Option.HTTP_MAX_REQUEST_MB, "0"), null, Map.of()));
        assertThat(e.problems()).singleElement().satisfies(p -> assertThat(p).contains("http.max.request.mb")
                .contains("1 to 1024"));
    }

    @Test
    void a_missing_config_file_is_an_error() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(), dir.resolve("nope.properties"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read config file");
    }

    @Test
    void external_database_urls_must_be_jdbc_urls_of_a_supported_vendor() {
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(Option.DATABASE_URL, "mysql://x"), null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("database.url");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(Option.DATABASE_URL, "jdbc:h2:mem:x"), null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("jdbc:h2:file:");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(Option.DATABASE_URL, "jdbc:sqlite::memory:"), null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("in-memory SQLite");
        assertThat(SettingsLoader.load(Map.of(Option.DATABASE_URL, "jdbc:sqlite:/srv/latchkey/db.sqlite"), null,
                Map.of()).databaseUrl()).isEqualTo("jdbc:sqlite:/srv/latchkey/db.sqlite");
        assertThatThrownBy(() -> SettingsLoader.load(Map.of(Option.DATABASE_URL, "jdbc:postgresql://db/latchkey"),
                null, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("secret.key or secret.key.file is required with PostgreSQL");
        Settings pg = SettingsLoader.load(Map.of(Option.DATABASE_URL, "jdbc:postgresql://db/latchkey",
                Option.SECRET_KEY, java.util.Base64.getEncoder().encodeToString(new byte[32])), null, Map.of());
        assertThat(pg.embedded()).isFalse();
    }

    @Test
    void port_zero_means_any_free_port_and_durations_accept_iso_8601() {
        Settings s = SettingsLoader.load(Map.of(Option.PORT, "0", Option.DEFAULT_ACTION_TTL, "PT90M"), null, Map.of());
        assertThat(s.port()).isZero();
        assertThat(s.defaultActionTtl()).isEqualTo(Duration.ofMinutes(90));
    }

    @Test
    void env_names_and_flags_derive_from_the_file_key() {
        assertThat(Option.DATA_DIR.env()).isEqualTo("LATCHKEY_DATA_DIR");
        assertThat(Option.DATA_DIR.flag()).isEqualTo("--data-dir");
        assertThat(Option.BOOTSTRAP_ADMIN_TOKEN.env()).isEqualTo("LATCHKEY_BOOTSTRAP_ADMIN_TOKEN");
    }

    @Test
    void sign_in_throttling_is_configurable_and_checked() {
        Settings defaults = SettingsLoader.load(Map.of(), null, Map.of());
        assertThat(defaults.signIn()).isEqualTo(io.latchkey.core.admin.SignInThrottle.Limits.DEFAULT);

        Settings s = SettingsLoader.load(Map.of(Option.SIGNIN_MAX_FAILURES, "3", Option.SIGNIN_LOCKOUT, "1h"),
                null, Map.of());
        assertThat(s.signIn().accountFailures()).isEqualTo(3);
        assertThat(s.signIn().accountLockout()).isEqualTo(java.time.Duration.ofHours(1));
        assertThat(s.signIn().addressFailures()).isEqualTo(20);

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SettingsLoader.load(
                        Map.of(Option.SIGNIN_MAX_FAILURES, "0"), null, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("signin.max.failures");
    }

    @Test
    void the_example_config_file_in_the_repository_is_valid() {
        Path example = Path.of("..", "config", "latchkey.properties.example");
        assertThat(example).exists();

        Settings s = SettingsLoader.load(Map.of(), example, Map.of());

        assertThat(s.port()).isEqualTo(8080);
        assertThat(s.embedded()).isTrue();
    }
}
