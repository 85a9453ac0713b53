package io.latchkey.channel.windows.enrollment;

import io.latchkey.core.Rejected;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Device input can be anything. Whatever the body, the three enrollment parsers either return a
 * typed request or throw a {@link Rejected} (the HTTP layer's 400 and a SOAP fault); never another
 * exception, which would become a 500.
 */
class MalformedEnrollmentPropertyTest {
    private static final List<Consumer<byte[]>> PARSERS =
            List.of(DiscoverRequest::parse, PolicyRequest::parse, EnrollmentRequest::parse);
    private static final List<String> CAPTURES = List.of(
            new String(EnrollmentCaptures.discover()), new String(EnrollmentCaptures.getPolicies()),
            EnrollmentRequestTest.rst(), EnrollmentCaptures.readmeBlock(1), EnrollmentCaptures.readmeBlock(3),
            EnrollmentCaptures.readmeBlock(5));

    @Property(tries = 200, seed = "20261127")
    void random_bytes_are_refused(@ForAll("randomBodies") byte[] body) {
        parsesOrRefuses(body);
    }

    @Property(tries = 300, seed = "20261127")
    void truncated_captures_are_refused_or_read(@ForAll("captures") String capture, @ForAll double cut) {
        byte[] whole = EnrollmentCaptures.bytes(capture);
        parsesOrRefuses(Arrays.copyOf(whole, (int) (whole.length * Math.abs(cut) % (whole.length + 1))));
    }

    @Property(tries = 300, seed = "20261127")
    void flipped_bytes_in_captures(@ForAll("captures") String capture, @ForAll int position, @ForAll byte value) {
        byte[] body = EnrollmentCaptures.bytes(capture);
        body[Math.floorMod(position, body.length)] = value;
        parsesOrRefuses(body);
    }

    @Property(tries = 100, seed = "20261127")
    void doctype_and_external_entities_are_refused(@ForAll("captures") String capture, @ForAll("doctypes") String doctype) {
        String withEntity = capture.replaceFirst("<a:MessageID>[^<]*</a:MessageID>", "<a:MessageID>&xxe;</a:MessageID>");
        for (String body : List.of(doctype + capture, doctype + withEntity)) {
            for (Consumer<byte[]> parser : PARSERS) {
                assertThat(catchThrowable(() -> parser.accept(EnrollmentCaptures.bytes(body)))).isInstanceOf(Rejected.class);
            }
        }
    }

    @Property(tries = 200, seed = "20261127")
    void a_wrong_csr_is_refused(@ForAll("wrongCsrs") String csr) {
        String body = EnrollmentRequestTest.rst().replace(EnrollmentRequestTest.CAPTURED_CSR, csr);

        Throwable thrown = catchThrowable(() -> EnrollmentRequest.parse(EnrollmentCaptures.bytes(body)));

        assertThat(thrown).isInstanceOf(EnrollmentRefused.class);
        assertThat(((EnrollmentRefused) thrown).fault()).isIn(EnrollmentFault.CERTIFICATE_REQUEST, EnrollmentFault.MESSAGE_FORMAT);
    }

    private static void parsesOrRefuses(byte[] body) {
        for (Consumer<byte[]> parser : PARSERS) {
            Throwable thrown = catchThrowable(() -> parser.accept(body));
            if (thrown != null) {
                assertThat(thrown).isInstanceOf(Rejected.class);
            }
        }
    }

    @Provide
    Arbitrary<byte[]> randomBodies() {
        return Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(2000),
                Arbitraries.strings().withChars("<>/=\"' :sabxmlnsEnvelopeHeaderBody&;!?-").ofMaxLength(400)
                        .map(EnrollmentCaptures::bytes));
    }

    @Provide
    Arbitrary<String> captures() {
        return Arbitraries.of(CAPTURES);
    }

    @Provide
    Arbitrary<String> doctypes() {
        return Arbitraries.of(
                "<!DOCTYPE s:Envelope [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                "<!DOCTYPE s:Envelope [<!ENTITY xxe \"x\"><!ENTITY y \"&xxe;&xxe;&xxe;&xxe;\">]>",
                "<!DOCTYPE s:Envelope SYSTEM \"http://127.0.0.1:1/evil.dtd\">",
                "<!DOCTYPE s:Envelope [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/p\"> %p;]>");
    }

    @Provide
    Arbitrary<String> wrongCsrs() {
        byte[] der = Base64.getDecoder().decode(EnrollmentRequestTest.CAPTURED_CSR);
        Arbitrary<String> flipped = Arbitraries.integers().between(0, der.length - 1)
                .flatMap(i -> Arbitraries.integers().between(1, 255).map(x -> {
                    byte[] copy = der.clone();
                    copy[i] ^= (byte) (int) x;
                    return Base64.getEncoder().encodeToString(copy);
                }));
        Arbitrary<String> truncated = Arbitraries.integers().between(0, der.length - 1)
                .map(n -> Base64.getEncoder().encodeToString(Arrays.copyOf(der, n)));
        Arbitrary<String> garbage = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij0123456789+/=*- ")
                .ofMaxLength(600);
        return Arbitraries.oneOf(flipped, truncated, garbage);
    }
}
