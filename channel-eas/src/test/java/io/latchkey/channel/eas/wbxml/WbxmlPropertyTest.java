package io.latchkey.channel.eas.wbxml;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** The codec on generated trees over every code page, and on bytes an attacker chooses. */
class WbxmlPropertyTest {

    @Property(tries = 500)
    void everyTreeOverEveryCodePageRoundTrips(@ForAll("trees") WbxmlElement tree) {
        assertThat(Wbxml.decode(Wbxml.encode(tree))).isEqualTo(tree);
    }

    @Property(tries = 200)
    void everyTagOfEachPageRoundTripsAsARoot(@ForAll("pages") CodePage page, @ForAll @IntRange(max = 200) int pick,
                                             @ForAll("texts") String text) {
        List<String> names = List.copyOf(page.names());
        String name = names.get(pick % names.size());
        WbxmlElement leaf = WbxmlElement.text(page.namespace(), name, text);
        assertThat(Wbxml.decode(Wbxml.encode(leaf))).isEqualTo(leaf);
    }

    @Property(tries = 1000)
    void arbitraryBytesDecodeOrFailWithTheTypedError(@ForAll @Size(max = 300) byte[] junk) {
        assertDecodesOrRefuses(junk);
    }

    @Property(tries = 1000)
    void mutatedAndTruncatedValidBodiesDecodeOrFailWithTheTypedError(@ForAll("trees") WbxmlElement tree,
                                                                      @ForAll @IntRange(max = 10_000) int at,
                                                                      @ForAll byte value, @ForAll boolean truncate) {
        byte[] bytes = Wbxml.encode(tree);
        int i = at % bytes.length;
        byte[] broken = truncate ? java.util.Arrays.copyOf(bytes, i) : bytes.clone();
        if (!truncate) {
            broken[i] = value;
        }
        assertDecodesOrRefuses(broken);
    }

    private static void assertDecodesOrRefuses(byte[] body) {
        assertThatCode(() -> {
            try {
                Wbxml.decode(body);
            } catch (WbxmlException expected) {
                // the gateway's 400
            }
        }).doesNotThrowAnyException();
    }

    @Provide
    Arbitrary<CodePage> pages() {
        return Arbitraries.of(CodePages.all());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().ofMaxLength(40).filter(s -> s.indexOf('\0') < 0)
                .filter(s -> s.codePoints().noneMatch(c -> Character.getType(c) == Character.SURROGATE));
    }

    @Provide
    Arbitrary<WbxmlElement> trees() {
        return tree(4);
    }

    private Arbitrary<WbxmlElement> tree(int depth) {
        Arbitrary<String[]> tag = Arbitraries.of(CodePages.all()).flatMap(p -> Arbitraries.of(List.copyOf(p.names()))
                .map(n -> new String[]{p.namespace(), n}));
        Arbitrary<WbxmlElement> leaf = Arbitraries.oneOf(
                tag.map(t -> WbxmlElement.of(t[0], t[1])),
                net.jqwik.api.Combinators.combine(tag, texts()).as((t, s) -> WbxmlElement.text(t[0], t[1], s)),
                net.jqwik.api.Combinators.combine(tag, Arbitraries.bytes().array(byte[].class).ofMaxSize(300))
                        .as((t, b) -> WbxmlElement.opaque(t[0], t[1], b)));
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<WbxmlElement> parent = net.jqwik.api.Combinators.combine(tag,
                        Arbitraries.lazy(() -> tree(depth - 1)).list().ofMinSize(1).ofMaxSize(4))
                .as((t, kids) -> new WbxmlElement(t[0], t[1], kids, null, null));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(2, leaf), net.jqwik.api.Tuple.of(3, parent));
    }
}
