package io.latchkey.channel.eas.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/** Both query forms read back what a client wrote; anything else is the typed 400 error. */
class EasRequestsPropertyTest {

    @Property(tries = 500)
    void bothFormsReadBackTheSameRequest(@ForAll("requests") EasRequest request) {
        Map<String, String> headers = new HashMap<>();
        headers.put("MS-ASProtocolVersion", request.protocolVersion());
        if (request.policyKey() != null) {
            headers.put("X-MS-PolicyKey", Long.toString(request.policyKey()));
        }
        EasRequest plain = EasRequests.parse(EasQueryEncoding.plain(request), headers::get);
        EasRequest base64 = EasRequests.parse(EasQueryEncoding.base64(request), h -> null);

        assertThat(plain).isEqualTo(withForm(request, false));
        assertThat(base64).isEqualTo(withForm(request, true));
    }

    @Property(tries = 1000)
    void anyQueryParsesOrFailsWithTheTypedError(@ForAll @Size(max = 200) String query, @ForAll String version) {
        assertThatCode(() -> {
            try {
                EasRequests.parse(query, Map.of("MS-ASProtocolVersion", version)::get);
            } catch (EasRequestException expected) {
                // 400
            }
        }).doesNotThrowAnyException();
    }

    @Property(tries = 1000)
    void anyBase64BytesParseOrFailWithTheTypedError(@ForAll @Size(min = 1, max = 120) byte[] bytes) {
        assertThatCode(() -> {
            try {
                EasRequests.parse(java.util.Base64.getEncoder().encodeToString(bytes), h -> null);
            } catch (EasRequestException expected) {
                // 400
            }
        }).doesNotThrowAnyException();
    }

    private static EasRequest withForm(EasRequest r, boolean base64) {
        return new EasRequest(r.command(), r.user(), r.deviceId(), r.deviceType(), r.protocolVersion(), r.policyKey(),
                r.parameters(), base64);
    }

    @Provide
    Arbitrary<EasRequest> requests() {
        Arbitrary<String> id = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> user = Arbitraries.strings().alpha().numeric().withChars('\\', '@', '.', 'é')
                .ofMinLength(1).ofMaxLength(60);
        Arbitrary<Long> key = Arbitraries.longs().between(0, 0xFFFF_FFFFL).injectNull(0.3);
        Arbitrary<Map<String, String>> params = Arbitraries.maps(Arbitraries.of("CollectionId", "ItemId", "LongId"),
                Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20)).ofMaxSize(2);
        return Combinators.combine(Arbitraries.of(EasCommand.class), user, id, id,
                        Arbitraries.of("12.1", "14.0", "14.1", "16.0", "16.1"), key, params)
                .as((c, u, d, t, v, k, p) -> new EasRequest(c, u, d, t, v, k, p, false));
    }
}
