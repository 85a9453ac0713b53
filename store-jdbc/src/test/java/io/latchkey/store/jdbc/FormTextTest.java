package io.latchkey.store.jdbc;

import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class FormTextTest {

    @Test
    void encodes_exactly_as_url_encoder_does_for_any_valid_text() {
        Random random = new Random(42);
        String alphabet = "aZ09-_.*~ ,&=%+/?\t\né€";
        for (int n = 0; n < 20_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                int pick = random.nextInt(5);
                if (pick == 0) {
                    s.appendCodePoint(random.nextInt(0xD800)); // below the surrogates
                } else if (pick == 1) {
                    s.appendCodePoint(0x10000 + random.nextInt(0x100000)); // a surrogate pair
                } else {
                    s.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            StringBuilder out = new StringBuilder();
            FormText.appendEncoded(out, s.toString());
            assertThat(out.toString()).as("%s", s).isEqualTo(URLEncoder.encode(s.toString(), StandardCharsets.UTF_8));
            assertThat(FormText.decodeComponent(out.toString())).isEqualTo(s.toString())
                    .isEqualTo(URLDecoder.decode(out.toString(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void malformed_escapes_are_refused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormText.decodeComponent("a%2"))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FormText.decodeComponent("a%zz"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FormText.decodeComponent("a%2Cb+c%E2%82%AC")).isEqualTo("a,b c€");
    }

    @Test
    void a_map_survives_the_round_trip() {
        Map<String, String> map = Map.of("ids", "a1b2,c3d4", "message", "Call us: +1 (555) 0100 & ask for IT",
                "footer", "€ 😀");
        assertThat(FormText.decode(FormText.encode(map))).isEqualTo(map);
    }
}
