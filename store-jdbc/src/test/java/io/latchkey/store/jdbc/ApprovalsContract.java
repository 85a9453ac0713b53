package io.latchkey.store.jdbc;

import io.latchkey.core.approval.ApprovalDecision;
import io.latchkey.core.approval.ApprovalRequest;
import io.latchkey.core.approval.ApprovalState;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.DeviceFilter;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.Platform;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Approval requests: stored as asked, listed by state, decided once (also under concurrency). */
public interface ApprovalsContract extends StorageFixture {

    private static ApprovalRequest pending(Instant created, DeviceFilter target) {
        return new ApprovalRequest(UUID.randomUUID(), Action.WIPE, target, Map.of("keepUserData", "true",
                "useProtectedWipe", "false"), Duration.ofHours(6), UUID.randomUUID(), "alice", "192.0.2.1",
                "lost on the train", "wipe of 2 devices", 2, created, created.plus(ApprovalRequest.LIFETIME),
                ApprovalState.PENDING, null, null, null, null, null);
    }

    private static AuditEvent event(String action, UUID id) {
        return new AuditEvent(UUID.randomUUID(), at(0), "alice", "192.0.2.1", action, "approvalRequest",
                id.toString(), "");
    }

    private long audited(String action) {
        return storage().audit().page(null, 500).items().stream().filter(e -> e.action().equals(action)).count();
    }

    @Test
    default void aRequestIsStoredAsAskedWithItsAuditEntry() {
        DeviceFilter target = new DeviceFilter(List.of(UUID.randomUUID(), UUID.randomUUID()), "allDevices", null,
                Platform.IOS, null, "Paris, 3rd floor & more");
        ApprovalRequest r = pending(at(0), target);
        storage().approvals().create(r, event("approval.request", r.id()));

        assertThat(storage().approvals().find(r.id())).contains(r);
        assertThat(storage().approvals().find(UUID.randomUUID())).isEmpty();
        assertThat(audited("approval.request")).isEqualTo(1);
        ApprovalRequest noTtl = new ApprovalRequest(UUID.randomUUID(), Action.RETIRE, DeviceFilter.ALL, Map.of(), null,
                UUID.randomUUID(), "bob", "", "", "retire of 1 company-owned device(s)", 1, at(1),
                at(1).plus(ApprovalRequest.LIFETIME), ApprovalState.PENDING, null, null, null, null, "retry-42");
        assertThat(storage().approvals().create(noTtl, event("approval.request", noTtl.id()))).isEqualTo(noTtl);
        assertThat(storage().approvals().find(noTtl.id())).contains(noTtl);
        assertThat(storage().approvals().findByClientKey(noTtl.requesterId(), "retry-42")).contains(noTtl);
        assertThat(storage().approvals().findByClientKey(UUID.randomUUID(), "retry-42")).isEmpty();
    }

    @Test
    default void aRetryWithTheSameClientKeyGetsTheFirstRequestEvenWhenConcurrent() throws Exception {
        UUID requester = UUID.randomUUID();
        int n = 4;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<ApprovalRequest>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ApprovalRequest r = new ApprovalRequest(UUID.randomUUID(), Action.WIPE, DeviceFilter.ALL, Map.of(),
                        null, requester, "alice", "", "", "wipe of 2 devices", 2, at(i), at(i).plus(
                        ApprovalRequest.LIFETIME), ApprovalState.PENDING, null, null, null, null, "same-key");
                results.add(pool.submit(() -> {
                    go.await();
                    return storage().approvals().create(r, event("approval.request", r.id()));
                }));
            }
            go.countDown();
            java.util.Set<UUID> ids = new java.util.HashSet<>();
            for (Future<ApprovalRequest> f : results) {
                ids.add(f.get().id());
            }
            assertThat(ids).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(storage().approvals().page(null, null, 10).items()).hasSize(1);
        assertThat(audited("approval.request")).isEqualTo(1);
    }

    @Test
    default void onlyOneDecisionEverAppliesAndItIsRecordedWithItsAuditEntry() {
        ApprovalRequest r = pending(at(0), DeviceFilter.ALL);
        storage().approvals().create(r, event("approval.request", r.id()));
        UUID bob = UUID.randomUUID();
        assertThat(storage().approvals().decide(new ApprovalDecision(r.id(), ApprovalState.APPROVED, bob, "bob",
                at(60), "ok"), event("approval.approve", r.id()))).isTrue();
        assertThat(storage().approvals().decide(new ApprovalDecision(r.id(), ApprovalState.REJECTED, bob, "bob",
                at(61), "no"), event("approval.reject", r.id()))).isFalse();
        assertThat(storage().approvals().decide(new ApprovalDecision(UUID.randomUUID(), ApprovalState.REJECTED, bob,
                "bob", at(61), ""), event("approval.reject", r.id()))).isFalse();

        ApprovalRequest stored = storage().approvals().find(r.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(stored.decidedById()).isEqualTo(bob);
        assertThat(stored.decidedBy()).isEqualTo("bob");
        assertThat(stored.decidedAt()).isEqualTo(at(60));
        assertThat(stored.comment()).isEqualTo("ok");
        assertThat(audited("approval.approve")).isEqualTo(1);
        assertThat(audited("approval.reject")).isZero();
    }

    @Test
    default void expiryAppliesOnlyAfterTheExpiryAndNothingElseDoes() {
        ApprovalRequest r = pending(at(0), DeviceFilter.ALL);
        storage().approvals().create(r, event("approval.request", r.id()));
        Instant before = r.expiresAt().minusMillis(1);
        assertThat(storage().approvals().decide(new ApprovalDecision(r.id(), ApprovalState.EXPIRED, null, "system",
                before, ""), event("approval.expire", r.id()))).isFalse();
        assertThat(storage().approvals().decide(new ApprovalDecision(r.id(), ApprovalState.APPROVED, UUID.randomUUID(),
                "bob", r.expiresAt(), ""), event("approval.approve", r.id()))).isFalse();
        assertThat(storage().approvals().decide(new ApprovalDecision(r.id(), ApprovalState.EXPIRED, null, "system",
                r.expiresAt(), ""), event("approval.expire", r.id()))).isTrue();
        ApprovalRequest stored = storage().approvals().find(r.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(stored.decidedById()).isNull();
        assertThat(stored.decidedBy()).isEqualTo("system");
        assertThat(audited("approval.expire")).isEqualTo(1);
        assertThat(audited("approval.approve")).isZero();
    }

    @Test
    default void pagesAreNewestFirstAndFilteredByState() {
        List<ApprovalRequest> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ApprovalRequest r = pending(at(i), DeviceFilter.ALL);
            storage().approvals().create(r, event("approval.request", r.id()));
            made.add(r);
        }
        storage().approvals().decide(new ApprovalDecision(made.get(1).id(), ApprovalState.CANCELLED,
                made.get(1).requesterId(), "alice", at(10), ""), event("approval.cancel", made.get(1).id()));

        List<UUID> all = new ArrayList<>();
        String cursor = null;
        do {
            Page<ApprovalRequest> page = storage().approvals().page(null, cursor, 2);
            page.items().forEach(r -> all.add(r.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(all).containsExactly(made.get(4).id(), made.get(3).id(), made.get(2).id(), made.get(1).id(),
                made.get(0).id());
        assertThat(storage().approvals().page(ApprovalState.PENDING, null, 10).items()).extracting(ApprovalRequest::id)
                .containsExactly(made.get(4).id(), made.get(3).id(), made.get(2).id(), made.get(0).id());
        assertThat(storage().approvals().page(ApprovalState.CANCELLED, null, 10).items())
                .extracting(ApprovalRequest::id).containsExactly(made.get(1).id());
    }

    @Test
    default void ofConcurrentDecidersExactlyOneWins() throws Exception {
        ApprovalRequest r = pending(at(0), DeviceFilter.ALL);
        storage().approvals().create(r, event("approval.request", r.id()));
        int n = 6;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                ApprovalState to = i % 2 == 0 ? ApprovalState.APPROVED : ApprovalState.REJECTED;
                String who = "admin" + i;
                Callable<Boolean> task = () -> {
                    go.await();
                    return storage().approvals().decide(new ApprovalDecision(r.id(), to, UUID.randomUUID(), who,
                            at(5), ""), event("approval.decide", r.id()));
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(audited("approval.decide")).isEqualTo(1);
        assertThat(storage().approvals().find(r.id()).orElseThrow().state()).isNotEqualTo(ApprovalState.PENDING);
    }

    @Test
    default void theMigrationGivesApproveActionsToAdministratorsOnly() throws Exception {
        try (java.sql.Connection c = storage().dataSource().getConnection();
             java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("SELECT role_name FROM role_permission"
                     + " WHERE permission = 'APPROVE_ACTIONS'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("Administrator");
            assertThat(rs.next()).isFalse();
        }
    }
}
