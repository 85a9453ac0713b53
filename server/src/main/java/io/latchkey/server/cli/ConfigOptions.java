package io.latchkey.server.cli;

import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.server.logging.LogSetup;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Adds one flag per {@link Option} (plus {@code --config}) to the commands that read the
 * configuration, built from the option list so flags, environment variables and file keys match.
 */
final class ConfigOptions {
    static final String CONFIG_FLAG = "--config";

    private ConfigOptions() {
    }

    static void addTo(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        spec.addOption(OptionSpec.builder(CONFIG_FLAG).paramLabel("FILE").type(Path.class)
                .description("properties file with the settings below (env " + SettingsLoader.CONFIG_ENV + ")")
                .build());
        for (Option o : Option.values()) {
            spec.addOption(OptionSpec.builder(o.flag()).paramLabel(label(o)).type(String.class)
                    .description(o.description() + " (env " + o.env() + ", file key " + o.key()
                            + (o.defaultValue() == null ? "" : ", default " + o.defaultValue()) + ")")
                    .build());
        }
    }

    /** Reads the settings (file < env < flags), validated, and applies the log format at once. */
    static Settings load(CommandSpec spec) {
        Map<Option, String> given = new EnumMap<>(Option.class);
        for (Option o : Option.values()) {
            String value = spec.findOption(o.flag()).getValue();
            if (value != null) {
                given.put(o, value);
            }
        }
        Path file = spec.findOption(CONFIG_FLAG).getValue();
        Settings settings = SettingsLoader.load(given, file, System.getenv());
        LogSetup.apply(settings.logFormat());
        return settings;
    }

    private static String label(Option o) {
        return switch (o) {
            case PORT, DATABASE_POOL_SIZE -> "N";
            case DATA_DIR -> "DIR";
            case DATABASE_URL -> "JDBC_URL";
            case DEFAULT_ACTION_TTL, ENROLLMENT_CODE_TTL -> "DURATION";
            case PUBLIC_URL -> "URL";
            case APPLE_MDM_TOPIC -> "TOPIC";
            case LOG_FORMAT -> "text|json";
            case MIGRATE_ON_START -> "true|false";
            case BIND -> "ADDRESS";
            default -> o.secret() ? "SECRET" : "VALUE";
        };
    }
}
