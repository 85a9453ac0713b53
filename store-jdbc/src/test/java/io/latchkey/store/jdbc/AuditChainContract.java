package io.latchkey.store.jdbc;

import io.latchkey.core.audit.AuditChain;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditHash;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit hash chain: intact when untouched; any edit, removal, reordering or truncation found. */
public interface AuditChainContract extends StorageFixture {

    private List<AuditEvent> appendFive() {
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AuditEvent e = new AuditEvent(UUID.randomUUID(), Instant.parse("2026-11-27T10:00:00.123456789Z").plusSeconds(i),
                    "admin" + i, "10.0.0." + i, "action.submit", i % 2 == 0 ? "device" : null, i % 2 == 0 ? "d" + i : null,
                    "entry " + i);
            storage().audit().append(e);
            events.add(e);
        }
        return events;
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = storage().dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate(statement);
        }
    }

    @Test
    default void anUntouchedLogIsIntactAndItsLinksFollowEachOther() {
        List<AuditEvent> events = appendFive();
        AuditChain.Verification v = storage().auditChain().verify();
        assertThat(v.intact()).as(v.problem()).isTrue();
        assertThat(v.entries()).isEqualTo(5);
        List<AuditChain.Link> links = new ArrayList<>();
        storage().auditChain().forEach(links::add);
        assertThat(links).extracting(AuditChain.Link::number).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(links.get(0).previousHash()).isEqualTo(AuditHash.GENESIS);
        for (int i = 1; i < links.size(); i++) {
            assertThat(links.get(i).previousHash()).isEqualTo(links.get(i - 1).hash());
        }
        assertThat(links.get(4).hash()).isEqualTo(v.headHash());
        assertThat(links).extracting(l -> l.event().id()).containsExactlyElementsOf(events.stream().map(AuditEvent::id).toList());
    }

    @Test
    default void anEditedEntryIsFound() throws SQLException {
        appendFive();
        sql("UPDATE audit_event SET detail = 'nothing happened' WHERE chain_no = 3");
        AuditChain.Verification v = storage().auditChain().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("entry 3").contains("changed after it was written");
    }

    @Test
    default void aRemovedEntryIsFound() throws SQLException {
        appendFive();
        sql("DELETE FROM audit_event WHERE chain_no = 2");
        AuditChain.Verification v = storage().auditChain().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("entry 2 is missing");
    }

    @Test
    default void aRemovedEntryWhoseSuccessorsWereRenumberedIsFound() throws SQLException {
        appendFive();
        sql("DELETE FROM audit_event WHERE chain_no = 2");
        sql("UPDATE audit_event SET chain_no = chain_no - 1 WHERE chain_no > 2");
        sql("UPDATE audit_chain_head SET last_no = 4");
        AuditChain.Verification v = storage().auditChain().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("entry 2");
    }

    @Test
    default void reorderedEntriesAreFound() throws SQLException {
        appendFive();
        sql("UPDATE audit_event SET chain_no = 100 WHERE chain_no = 2");
        sql("UPDATE audit_event SET chain_no = 2 WHERE chain_no = 4");
        sql("UPDATE audit_event SET chain_no = 4 WHERE chain_no = 100");
        AuditChain.Verification v = storage().auditChain().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("entry 2");
    }

    @Test
    default void removingTheNewestEntriesIsFoundByTheHead() throws SQLException {
        appendFive();
        sql("DELETE FROM audit_event WHERE chain_no >= 4");
        AuditChain.Verification v = storage().auditChain().verify();
        assertThat(v.intact()).isFalse();
        assertThat(v.problem()).contains("ends at entry 3").contains("head says 5");
    }
}
