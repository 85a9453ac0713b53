package io.latchkey.core.audit;

import java.util.function.Consumer;

/** Storage port: the audit log's hash chain, checked from the first entry to the head. */
public interface AuditChain {

    /** One entry with its place in the chain. */
    record Link(long number, AuditEvent event, String previousHash, String hash) {
    }

    /** What a check found: {@code problem} is null when every entry and the head agree. */
    record Verification(long entries, String headHash, String problem) {
        public boolean intact() {
            return problem == null;
        }
    }

    /** Recomputes every hash in chain order and compares links, numbers and the head. */
    Verification verify();

    /** Every entry in chain order, for export. */
    void forEach(Consumer<Link> sink);
}
