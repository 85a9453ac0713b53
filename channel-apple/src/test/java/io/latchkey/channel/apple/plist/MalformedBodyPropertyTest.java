package io.latchkey.channel.apple.plist;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.dd.plist.XMLPropertyListParser;
import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.channel.apple.checkin.CheckinDecoder;
import io.latchkey.channel.apple.report.CommandReportDecoder;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Device input can be anything. Whatever the body, both decoders either return a typed message or
 * throw {@link MessageRefused} (a 400); never another exception, which the HTTP layer would turn
 * into a 500.
 */
class MalformedBodyPropertyTest {

    private static final List<String> FIXTURES = AppleFixtures.plists();
    private final CheckinDecoder checkins = new CheckinDecoder();
    private final CommandReportDecoder reports = new CommandReportDecoder();

    @Property(tries = 300, seed = "20260301")
    void random_bytes_are_refused(@ForAll("randomBodies") byte[] body) {
        decodesOrRefuses(body);
    }

    @Property(tries = 300, seed = "20260301")
    void truncated_fixtures_are_refused_or_read(@ForAll("fixtureBodies") byte[] whole, @ForAll double cut) {
        decodesOrRefuses(Arrays.copyOf(whole, (int) (whole.length * Math.abs(cut) % (whole.length + 1))));
    }

    @Property(tries = 300, seed = "20260301")
    void flipped_bytes_in_fixtures(@ForAll("fixtureBodies") byte[] whole, @ForAll int position, @ForAll byte value) {
        byte[] body = whole.clone();
        body[Math.floorMod(position, body.length)] = value;
        decodesOrRefuses(body);
    }

    @Property(tries = 300, seed = "20260301")
    void fixtures_with_a_key_removed_or_of_another_type(@ForAll("fixtureNames") String fixture,
                                                        @ForAll("anyValue") NSObject replacement,
                                                        @ForAll int keyChoice, @ForAll boolean remove,
                                                        @ForAll boolean binary) throws Exception {
        NSDictionary d = (NSDictionary) XMLPropertyListParser.parse(AppleFixtures.bytes(fixture));
        String[] keys = d.allKeys();
        String key = keys[Math.floorMod(keyChoice, keys.length)];
        if (remove) {
            d.remove(key);
        } else {
            d.put(key, replacement);
        }
        byte[] body = binary ? BinaryPropertyListWriter.writeToArray(d)
                : d.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        decodesOrRefuses(body);
    }

    private void decodesOrRefuses(byte[] body) {
        for (var decoder : List.<java.util.function.Consumer<byte[]>>of(checkins::decode, reports::decode)) {
            Throwable thrown = catchThrowable(() -> decoder.accept(body));
            if (thrown != null) {
                assertThat(thrown).isExactlyInstanceOf(MessageRefused.class);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> randomBodies() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        // Bodies that get past the first-byte checks, so the parsers themselves are exercised.
        Arbitrary<byte[]> binaryLooking = raw.map(b -> concat("bplist00".getBytes(StandardCharsets.US_ASCII), b));
        Arbitrary<byte[]> xmlLooking = Arbitraries.strings().withChars("<>/?!=\"plistdcaykeygrn \n&;#x0")
                .ofMaxLength(200).map(s -> ("<?xml version=\"1.0\"?><plist>" + s).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(raw, binaryLooking, xmlLooking);
    }

    @Provide
    Arbitrary<String> fixtureNames() {
        return Arbitraries.of(FIXTURES);
    }

    @Provide
    Arbitrary<byte[]> fixtureBodies() {
        return Combinators.combine(fixtureNames(), Arbitraries.of(false, true)).as((name, binary) -> {
            byte[] xml = AppleFixtures.bytes(name);
            if (!binary) {
                return xml;
            }
            try {
                return BinaryPropertyListWriter.writeToArray(XMLPropertyListParser.parse(xml));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Provide
    Arbitrary<NSObject> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(NSString::new),
                Arbitraries.integers().map(NSNumber::new),
                Arbitraries.of(true, false).map(NSNumber::new),
                Arbitraries.doubles().map(NSNumber::new),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(10).map(NSData::new),
                Arbitraries.longs().between(0, 4_000_000_000_000L).map(ms -> new NSDate(new Date(ms))),
                Arbitraries.just(new NSArray(new NSString("x"), new NSNumber(1))),
                Arbitraries.just(new NSDictionary()));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
