package io.latchkey.channel.windows.xml;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsers are reused: one that has parsed keeps its hardening, and concurrent parses never share one. */
class SafeXmlReuseTest {
    private static final String DOCTYPE = "<!DOCTYPE SyncML [<!ENTITY x \"expanded\">]><SyncML>&x;</SyncML>";

    @Test
    void aReusedParserStillRefusesADoctypeAndStillKnowsNamespaces() {
        for (int i = 0; i < 200; i++) {
            var doc = SafeXml.parse(("<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr><MsgID>" + i
                    + "</MsgID></SyncHdr></SyncML>").getBytes(StandardCharsets.UTF_8));
            assertThat(doc.getDocumentElement().getNamespaceURI()).isEqualTo("SYNCML:SYNCML1.2");
            assertThat(doc.getElementsByTagNameNS("SYNCML:SYNCML1.2", "MsgID").item(0).getTextContent())
                    .isEqualTo(String.valueOf(i));
            assertThatThrownBy(() -> SafeXml.parse(DOCTYPE.getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(XmlRefused.class).hasMessageContaining("without a DOCTYPE");
            assertThatThrownBy(() -> SafeXml.parse("<SyncML><open></SyncML>".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(XmlRefused.class);
        }
    }

    @Test
    void concurrentParsesEachGetTheirOwnDocument() throws Exception {
        List<Callable<String>> parses = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            String id = "device-" + i;
            String padding = "x".repeat(i % 500);
            parses.add(() -> SafeXml.parse(("<a><b>" + id + "</b><c>" + padding + "</c></a>")
                    .getBytes(StandardCharsets.UTF_8)).getElementsByTagName("b").item(0).getTextContent());
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<String>> answers = pool.invokeAll(parses);
            for (int i = 0; i < answers.size(); i++) {
                assertThat(answers.get(i).get()).isEqualTo("device-" + i);
            }
        }
    }
}
