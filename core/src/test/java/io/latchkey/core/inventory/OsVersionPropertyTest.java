package io.latchkey.core.inventory;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** {@link OsVersion} reads whatever a device reports without ever throwing. */
class OsVersionPropertyTest {

    @Provide
    Arbitrary<String> reportedVersions() {
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> dotted = Arbitraries.strings().withChars("0123456789.-+ abcxyz_\u0663").ofMaxLength(20);
        Arbitrary<String> huge = Arbitraries.strings().numeric().ofMinLength(7).ofMaxLength(40).map(s -> s + ".1");
        return Arbitraries.oneOf(unicode, dotted, huge).injectNull(0.05);
    }

    @Property
    void neverThrowsOnAnyString(@ForAll("reportedVersions") String version,
                                @ForAll @IntRange(min = -5, max = 100) int major,
                                @ForAll @IntRange(min = -5, max = 100) int minor) {
        assertThatCode(() -> {
            OsVersion.major(version);
            OsVersion.minor(version);
            OsVersion.atLeast(version, major, minor);
        }).doesNotThrowAnyException();
        assertThat(OsVersion.major(version)).isNotNegative();
        assertThat(OsVersion.minor(version)).isNotNegative();
    }

    @Property
    void readsMajorAndMinorOfWellFormedVersions(@ForAll @IntRange(max = 999_999) int a,
                                                @ForAll @IntRange(max = 999_999) int b,
                                                @ForAll @IntRange(max = 99_999) int c) {
        String version = a + "." + b + "." + c;

        assertThat(OsVersion.major(version)).isEqualTo(a);
        assertThat(OsVersion.minor(version)).isEqualTo(b);
        assertThat(OsVersion.major(" " + version + " ")).isEqualTo(a);
    }

    @Property
    void atLeastAgreesWithTheOrderOfMajorThenMinor(@ForAll @IntRange(max = 30) int a, @ForAll @IntRange(max = 30) int b,
                                                   @ForAll @IntRange(max = 30) int major,
                                                   @ForAll @IntRange(max = 30) int minor) {
        boolean expected = a > major || (a == major && b >= minor);

        assertThat(OsVersion.atLeast(a + "." + b + ".7", major, minor)).isEqualTo(expected);
    }

    @Property
    void atLeastIsMonotonic(@ForAll @IntRange(max = 30) int a, @ForAll @IntRange(max = 30) int b,
                            @ForAll @IntRange(max = 30) int major, @ForAll @IntRange(max = 30) int minor) {
        String version = a + "." + b;
        if (OsVersion.atLeast(version, major, minor)) {
            assertThat(OsVersion.atLeast((a + 1) + "." + b, major, minor)).isTrue();
            assertThat(OsVersion.atLeast(a + "." + (b + 1), major, minor)).isTrue();
        }
    }

    @Property
    void anUnreadableVersionIsNeverAtLeastAnyRealVersion(@ForAll("unreadable") String version,
                                                         @ForAll @IntRange(min = 1, max = 30) int major,
                                                   @ForAll @IntRange(max = 30) int minor) {
        assertThat(OsVersion.atLeast(version, major, minor)).isFalse();
    }

    /** An unreadable version is not even at least 0.0 (it once read as 0.0). */
    @Example
    void anUnreadableVersionIsNotEvenAtLeastZero() {
        assertThat(OsVersion.atLeast("unknown", 0, 0)).isFalse();
        assertThat(OsVersion.atLeast("-", 0, 0)).isFalse();
    }

    @Provide
    Arbitrary<String> unreadable() {
        return Arbitraries.oneOf(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
                Arbitraries.of("", " ", "unknown", "n/a", "-", "."));
    }

    @Example
    void readsTheVersionsDevicesReport() {
        assertThat(OsVersion.major("10.0.22631.2861")).isEqualTo(10);
        assertThat(OsVersion.minor("6.3")).isEqualTo(3);
        assertThat(OsVersion.major("17.4.1")).isEqualTo(17);
        assertThat(OsVersion.major("14")).isEqualTo(14);
        assertThat(OsVersion.minor("14")).isZero();
        assertThat(OsVersion.major("8.1.0_r33")).isEqualTo(8);
        assertThat(OsVersion.minor("16.1beta")).isEqualTo(1);
        assertThat(OsVersion.major(null)).isZero();
        assertThat(OsVersion.atLeast("16.1", 16, 1)).isTrue();
        assertThat(OsVersion.atLeast("14.1", 16, 1)).isFalse();
        assertThat(OsVersion.atLeast(null, 0, 0)).isFalse();
    }

    /** Found by the property above in CI: a line break let a regex leave "!" to parse. */
    @Example
    void lineBreaksInsideAPartAreNotDigits() {
        assertThat(OsVersion.major("!\n!")).isZero();
        assertThat(OsVersion.major("x\n!.3")).isZero();
        assertThat(OsVersion.major("2028\n!")).isEqualTo(2028);
        assertThat(OsVersion.major("1234567.1")).isZero();
    }
}
