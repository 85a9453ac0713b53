package io.latchkey.channel.apple.plist;

import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.dd.plist.XMLPropertyListParser;
import io.latchkey.channel.apple.AppleFixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

import javax.xml.parsers.DocumentBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flat-plist fast path must read exactly what the general XML parser reads, and decline
 * (leave it to that parser) whenever it is not sure: for any body, it either declines, or the
 * general parser accepts the body too and finds the same dictionary.
 */
class FlatXmlPlistPropertyTest {

    static final String IDLE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
            \t<key>Status</key>
            \t<string>Idle</string>
            \t<key>UDID</key>
            \t<string>00008030-001A2B3C4D5E6F70</string>
            </dict>
            </plist>
            """;

    @Test
    void anIdleReportAsDevicesSendItIsReadByTheFastPath() {
        NSDictionary fast = FlatXmlPlist.read(IDLE.getBytes(StandardCharsets.US_ASCII));
        assertThat((Object) fast).isNotNull();
        assertThat((Object) fast).isEqualTo(general(IDLE.getBytes(StandardCharsets.US_ASCII)));
        assertThat(((NSString) fast.get("Status")).getContent()).isEqualTo("Idle");
    }

    @Test
    void whatItDoesNotKnowIsLeftToTheGeneralParser() {
        for (String body : new String[]{
                IDLE.replace("<string>Idle</string>", "<string>Id&amp;le</string>"),   // a reference
                IDLE.replace("<dict>", "<dict><!-- c -->"),                           // a comment
                IDLE.replace("<string>Idle</string>", "<integer>1</integer>"),        // another type
                IDLE.replace("<key>UDID</key>", "<key>Status</key>"),                 // a repeated key
                " " + IDLE,                                                            // space before the declaration
                IDLE.replace("UTF-8", "UTF-16"),                                       // another encoding
                IDLE.replace("PropertyList-1.0.dtd\">", "PropertyList-1.0.dtd\" [<!ENTITY x \"y\">]>"),
                IDLE + "<x/>",                                                         // content after the root
                IDLE.replace("Idle", "Id\u00e9le"),                                    // not ASCII
                IDLE.replace("Idle", "Id\r\nle"),                                      // CR LF in text
        }) {
            assertThat((Object) FlatXmlPlist.read(body.getBytes(StandardCharsets.UTF_8))).as(body).isNull();
        }
        for (String name : AppleFixtures.plists()) {
            byte[] fixture = AppleFixtures.bytes(name);
            NSDictionary fast = FlatXmlPlist.read(fixture);
            if (fast != null) {
                assertThat((Object) fast).as(name).isEqualTo(general(fixture));
            }
        }
    }

    @Property(tries = 500, seed = "20261127")
    void flatDictionariesAreReadAsTheGeneralParserReadsThem(@ForAll("flatDictionaries") NSDictionary dict) {
        byte[] body = dict.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        NSDictionary fast = FlatXmlPlist.read(body);
        String xml = new String(body, StandardCharsets.UTF_8);
        if (fast == null) {
            // It declines only what it is built to leave alone: references, CDATA sections, an empty dict.
            assertThat(xml.contains("&") || xml.contains("<![CDATA[") || xml.contains("<dict/>")).as(xml).isTrue();
        } else {
            assertThat((Object) fast).isEqualTo(general(body));
        }
    }

    @Property(tries = 1000, seed = "20261127")
    void aDamagedIdleReportIsDeclinedOrReadAsTheGeneralParserReadsIt(@ForAll int position, @ForAll("asciiOrAny") byte value,
                                                                      @ForAll boolean insert) {
        byte[] whole = IDLE.getBytes(StandardCharsets.US_ASCII);
        int at = Math.floorMod(position, whole.length);
        byte[] body;
        if (insert) {
            body = new byte[whole.length + 1];
            System.arraycopy(whole, 0, body, 0, at);
            body[at] = value;
            System.arraycopy(whole, at, body, at + 1, whole.length - at);
        } else {
            body = whole.clone();
            body[at] = value;
        }
        sameAsGeneralOrDeclined(body);
    }

    @Property(tries = 300, seed = "20261127")
    void aTruncatedIdleReportIsDeclinedOrReadAsTheGeneralParserReadsIt(@ForAll int cut) {
        byte[] whole = IDLE.getBytes(StandardCharsets.US_ASCII);
        sameAsGeneralOrDeclined(Arrays.copyOf(whole, Math.floorMod(cut, whole.length + 1)));
    }

    private static void sameAsGeneralOrDeclined(byte[] body) {
        NSDictionary fast = FlatXmlPlist.read(body);
        if (fast != null) {
            assertThat((Object) fast).as(new String(body, StandardCharsets.ISO_8859_1)).isEqualTo(general(body));
        }
    }

    /** What the general parser makes of the body: a dictionary, or something else / null when it fails. */
    private static Object general(byte[] body) {
        try {
            DocumentBuilder builder = XMLPropertyListParser.getDocBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXParseException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXParseException {
                    throw e;
                }
            });
            NSObject root = XMLPropertyListParser.parse(builder.parse(new ByteArrayInputStream(body)));
            return root;
        } catch (Exception e) {
            return "refused: " + e;
        }
    }

    @Provide
    Arbitrary<NSDictionary> flatDictionaries() {
        Arbitrary<String> text = Arbitraries.strings().withCharRange(' ', '~').withChars('\t', '\n').ofMaxLength(40);
        Arbitrary<NSObject> value = Arbitraries.oneOf(text.map(NSString::new),
                Arbitraries.of(true, false).map(NSNumber::new));
        return Arbitraries.maps(text, value).ofMaxSize(8).map(FlatXmlPlistPropertyTest::dict);
    }

    @Provide
    Arbitrary<Byte> asciiOrAny() {
        return Arbitraries.oneOf(Arbitraries.of((byte) '<', (byte) '>', (byte) '/', (byte) '?', (byte) '!', (byte) '"',
                (byte) '\'', (byte) ' ', (byte) '\r', (byte) '-', (byte) '[', (byte) 'x'), Arbitraries.bytes());
    }

    private static NSDictionary dict(Map<String, NSObject> entries) {
        NSDictionary d = new NSDictionary();
        entries.forEach(d::put);
        return d;
    }
}
