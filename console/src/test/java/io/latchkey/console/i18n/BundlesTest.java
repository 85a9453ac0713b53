package io.latchkey.console.i18n;

import io.latchkey.core.action.CommandState;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Decision;
import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every word the console shows exists in English and in French, and nothing is left over. */
class BundlesTest {
    private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("\\.m\\(\"([A-Za-z0-9_.-]+)\"");

    @Test
    void englishAndFrenchHaveTheSameKeys() throws IOException {
        assertThat(keys("messages_fr")).isEqualTo(keys("messages_en"));
    }

    @Test
    void everyKeyTheTemplatesAndPagesUseExists() throws IOException {
        Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Stream.concat(Files.walk(Path.of("src/main/jte")),
                Files.walk(Path.of("src/main/java")))) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Matcher m = KEY_IN_TEMPLATE.matcher(Files.readString(p));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).hasSizeGreaterThan(100);
        Set<String> en = keys("messages_en");
        // "group." + id and the like: a prefix some key must start with.
        used.stream().filter(k -> k.endsWith(".")).forEach(prefix ->
                assertThat(en).as(prefix).anyMatch(k -> k.startsWith(prefix)));
        used.removeIf(k -> k.endsWith("."));
        assertThat(en).containsAll(used);
    }

    @Test
    void everyActionStatePlatformAndChannelHasAWordInBothLanguages() {
        for (Locale locale : Messages.SUPPORTED) {
            Messages t = new Messages(locale, ZoneOffset.UTC);
            for (Action a : Action.values()) {
                assertThat(t.action(a)).doesNotContain("??");
            }
            for (CommandState s : CommandState.values()) {
                assertThat(t.state(s)).doesNotContain("??");
            }
            for (Platform p : Platform.values()) {
                assertThat(t.platform(p)).doesNotContain("??");
            }
            for (ManagementChannel c : ManagementChannel.values()) {
                assertThat(t.channel(c)).doesNotContain("??");
            }
        }
    }

    @Test
    void theSourceDocumentsFrenchWordsAreUsedAsTheyAre() {
        Messages fr = new Messages(Locale.FRENCH, ZoneOffset.UTC);
        assertThat(fr.m("nav.groups")).isEqualTo("Groupes");
        assertThat(fr.m("group.all-devices")).isEqualTo("Tous les périphériques");
        assertThat(fr.m("group.all-mobile-devices")).isEqualTo("Tous les appareils mobiles");
        assertThat(fr.m("nav.allUsers")).isEqualTo("Tous les utilisateurs");
        assertThat(fr.m("tasks.menu")).isEqualTo("Tâches à distance");
        assertThat(fr.action(Action.REMOTE_LOCK)).isEqualTo("Verrouiller à distance");
        assertThat(fr.action(Action.PASSCODE_RESET)).isEqualTo("Réinitialisation du code secret");
    }

    @Test
    void everyFrenchReasonKeyNamesAReasonOfTheMatrix() throws IOException {
        Properties fr = load("reasons_fr");
        Set<String> known = new TreeSet<>();
        for (var row : CapabilityMatrix.rows()) {
            for (Action a : Action.values()) {
                known.add(row.name() + "." + a.wireName());
            }
        }
        assertThat(known).containsAll(fr.stringPropertyNames());
        Messages t = new Messages(Locale.FRENCH, ZoneOffset.UTC);
        // The two refusals of the source document's mixed selection read in French.
        Device agentPc = device(Platform.WINDOWS, "10.0.19045", ManagementChannel.PC_AGENT, null);
        UUID enrolling = UUID.randomUUID();
        Device win81 = device(Platform.WINDOWS, "6.3.9600", ManagementChannel.MDM, enrolling)
                .withCurrentUser(Device.ANOTHER_USER);
        assertThat(t.reason(reason(agentPc))).contains("logiciel client");
        assertThat(t.reason(reason(win81))).contains("utilisateur actuel");
        assertThat(new Messages(Locale.ENGLISH, ZoneOffset.UTC).reason(reason(agentPc))).isEqualTo(reason(agentPc));
    }

    private static String reason(Device d) {
        return ((Decision.NotSupported) CapabilityMatrix.decide(d, Action.REMOTE_LOCK)).reason();
    }

    private static Device device(Platform platform, String os, ManagementChannel channel, UUID enrolling) {
        return new Device(UUID.randomUUID(), null, "d", platform, os, null, null, channel, Ownership.COMPANY,
                enrolling, null, Instant.EPOCH, null, ChannelState.NONE);
    }

    private static Set<String> keys(String bundle) throws IOException {
        return new TreeSet<>(load(bundle).stringPropertyNames());
    }

    private static Properties load(String bundle) throws IOException {
        Properties p = new Properties();
        try (InputStream in = BundlesTest.class.getResourceAsStream("/io/latchkey/console/i18n/" + bundle
                + ".properties")) {
            p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
        }
        return p;
    }
}
