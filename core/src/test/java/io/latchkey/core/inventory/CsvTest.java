package io.latchkey.core.inventory;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvTest {

    @Test
    void readsHeaderAndRecordsWithQuotesCommasAndLineBreaks() throws IOException {
        String csv = "\uFEFFname,notes\r\n\"Lumia, 950\",\"said \"\"hi\"\"\nthen left\"\r\nplain,\r\n\r\n";
        List<Map<String, String>> rows = Csv.read(new StringReader(csv));
        assertThat(rows).containsExactly(
                Map.of("name", "Lumia, 950", "notes", "said \"hi\"\nthen left"),
                Map.of("name", "plain", "notes", ""));
    }

    @Test
    void emptyInputHasNoRows() throws IOException {
        assertThat(Csv.read(new StringReader(""))).isEmpty();
        assertThat(Csv.read(new StringReader("a,b\n"))).isEmpty();
    }

    @Test
    void refusesMalformedInputNamingTheLine() {
        assertThatThrownBy(() -> Csv.read(new StringReader("a,b\n1,2\n3\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("record 3");
        assertThatThrownBy(() -> Csv.read(new StringReader("a\n\"open\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not closed");
        assertThatThrownBy(() -> Csv.read(new StringReader("a\nx\"y\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> Csv.read(new StringReader("a\n\"x\"y\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after a closing quote");
        assertThatThrownBy(() -> Csv.read(new StringReader("a,a\n1,2\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> Csv.read(new StringReader("a,\n1,2\n")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no name");
    }

    /** Whatever a spreadsheet writes (RFC 4180 quoting of any text), reading gives it back. */
    @Property
    void roundTripsAnyQuotedValues(@ForAll @Size(min = 1, max = 5) List<@StringLength(max = 20) String> values) throws IOException {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            header.add("c" + i);
        }
        csv.append(String.join(",", header)).append("\r\n");
        List<String> quoted = values.stream().map(v -> "\"" + v.replace("\"", "\"\"") + "\"").toList();
        csv.append(String.join(",", quoted)).append("\r\n");
        List<Map<String, String>> rows = Csv.read(new StringReader(csv.toString()));
        assertThat(rows).hasSize(1);
        for (int i = 0; i < values.size(); i++) {
            assertThat(rows.get(0).get("c" + i)).isEqualTo(values.get(i));
        }
    }

    /** Any input either parses or is refused with IllegalArgumentException; nothing else escapes. */
    @Property
    void neverFailsOtherwise(@ForAll @StringLength(max = 60) String input) {
        try {
            Csv.read(new StringReader(input));
        } catch (IllegalArgumentException | IOException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
