package io.latchkey.core.approval;

import io.latchkey.core.Rejected;
import io.latchkey.core.access.Permission;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.testing.InMemoryApprovals;
import io.latchkey.core.testing.TestDevices;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.latchkey.core.testing.TestEngine.ids;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ActionApprovals}: what is held, who may decide, one decision only, expiry, audit. */
class ActionApprovalsTest {
    private final TestEngine engine = new TestEngine();
    private final InMemoryApprovals store = new InMemoryApprovals(engine.store.audit);
    private final ActionApprovals approvals = new ActionApprovals(ApprovalPolicy.defaults(), store, engine.actions,
            engine.store.requests, engine.store.audit, engine.clock);
    private final Device company = engine.add(TestDevices.ios().build());
    private final Device personal = engine.add(TestDevices.ios().ownership(Ownership.PERSONAL).build());
    private final Device personal2 = engine.add(TestDevices.androidOwner().ownership(Ownership.PERSONAL).build());

    private final AdminActor alice = admin("alice", true);
    private final AdminActor bob = admin("bob", true);

    private static AdminActor admin(String name, boolean administrator) {
        return new AdminActor(UUID.randomUUID(), new Actor(name, "192.0.2.1"),
                administrator ? EnumSet.allOf(Permission.class) : EnumSet.of(Permission.WIPE, Permission.RETIRE),
                administrator);
    }

    private ActionSubmission wipe(Device... devices) {
        return new ActionSubmission(Action.WIPE, ids(devices), Map.of(), null, null);
    }

    private ApprovalRequest held(ActionSubmission submission) {
        Outcome outcome = approvals.submit(submission, alice, "lost on the train");
        assertThat(outcome).isInstanceOf(Outcome.Held.class);
        return ((Outcome.Held) outcome).approval();
    }

    @Test
    void theDefaultPolicyHoldsWipeOfTwoDevicesOrOfACompanyDeviceAndNothingIsQueued() {
        ApprovalRequest two = held(wipe(personal, personal2));
        assertThat(two.state()).isEqualTo(ApprovalState.PENDING);
        assertThat(two.policyReason()).contains("2 devices");
        assertThat(two.deviceCount()).isEqualTo(2);
        assertThat(two.reason()).isEqualTo("lost on the train");
        assertThat(two.expiresAt()).isEqualTo(two.createdAt().plus(Duration.ofDays(30)));
        ApprovalRequest one = held(new ActionSubmission(Action.RETIRE, ids(company), Map.of(), null, null));
        assertThat(one.policyReason()).contains("company-owned");
        assertThat(engine.store.commands.allCommands()).isEmpty();
        assertThat(engine.store.audit.withAction("approval.request")).hasSize(2);
        assertThat(engine.store.audit.withAction("action.submit")).isEmpty();
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyFindsTheSameRequestAndAReusedKeyIsRefused() {
        ActionSubmission asked = new ActionSubmission(Action.WIPE, ids(company), Map.of("keepUserData", "true"),
                "retry-1", null);
        ApprovalRequest first = held(asked);
        ApprovalRequest again = held(new ActionSubmission(Action.WIPE, ids(company), Map.of("keepUserData", "TRUE"),
                "retry-1", null));
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(store.all()).hasSize(1);
        assertThatThrownBy(() -> approvals.submit(new ActionSubmission(Action.WIPE, ids(personal, personal2),
                Map.of(), "retry-1", null), alice, null)).isInstanceOfSatisfying(Rejected.class,
                e -> assertThat(e.kind()).isEqualTo(Rejected.Kind.CONFLICT));
        // Another admin's same key is theirs alone.
        assertThat(((Outcome.Held) approvals.submit(asked, bob, null)).approval().id()).isNotEqualTo(first.id());
        assertThat(engine.store.audit.withAction("approval.request")).hasSize(2);
    }

    @Test
    void whatThePolicyDoesNotCoverIsQueuedAtOnce() {
        assertThat(approvals.submit(wipe(personal), alice, null)).isInstanceOf(Outcome.Queued.class);
        assertThat(approvals.submit(new ActionSubmission(Action.REMOTE_LOCK, ids(company, personal), Map.of(), null,
                null), alice, null)).isInstanceOf(Outcome.Queued.class);
        assertThat(engine.store.commands.allCommands()).hasSize(3);
        assertThat(store.all()).isEmpty();
    }

    @Test
    void aConfiguredPolicyUsesItsActionsThresholdAndOwnershipRule() {
        ApprovalPolicy lockOfThree = new ApprovalPolicy(true, Set.of(Action.REMOTE_LOCK), 2, false);
        assertThat(lockOfThree.reasonFor(Action.REMOTE_LOCK, List.of(company, personal))).isEmpty();
        assertThat(lockOfThree.reasonFor(Action.REMOTE_LOCK, List.of(company, personal, personal2))).isPresent();
        assertThat(lockOfThree.reasonFor(Action.WIPE, List.of(company, personal, personal2))).isEmpty();
        assertThat(new ApprovalPolicy(false, Set.of(Action.WIPE), 0, true).reasonFor(Action.WIPE, List.of(company)))
                .isEmpty();
        assertThat(new ApprovalPolicy(true, Set.of(Action.WIPE), 0, false).reasonFor(Action.WIPE, List.of(personal)))
                .isPresent();
    }

    @Test
    void badInputIsRefusedWhenAskedNotWhenApproved() {
        assertThatThrownBy(() -> approvals.submit(new ActionSubmission(Action.WIPE, ids(company),
                Map.of("colour", "red"), null, null), alice, null)).isInstanceOf(Rejected.class)
                .hasMessageContaining("unknown option");
        assertThatThrownBy(() -> approvals.submit(new ActionSubmission(Action.WIPE,
                io.latchkey.core.inventory.DeviceFilter.ids(List.of(UUID.randomUUID())), Map.of(), null, null),
                alice, null)).isInstanceOf(Rejected.class).hasMessageContaining("no device matches");
        ApprovalRequest r = held(wipe(company));
        assertThatThrownBy(() -> approvals.reject(r.id(), bob, "x".repeat(501))).isInstanceOf(Rejected.class)
                .hasMessageContaining("at most 500");
        assertThat(approvals.find(r.id()).state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void theRequesterCannotApproveOrRejectEvenWithAnotherCredentialOfTheSameAccount() {
        ApprovalRequest r = held(wipe(company));
        AdminActor sameAccountOtherToken = new AdminActor(alice.adminId(), new Actor("alice", "203.0.113.9"),
                EnumSet.allOf(Permission.class), true);
        assertThatThrownBy(() -> approvals.approve(r.id(), sameAccountOtherToken, null))
                .isInstanceOfSatisfying(ApprovalRefused.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalRefused.SELF_APPROVAL));
        assertThatThrownBy(() -> approvals.reject(r.id(), alice, null)).isInstanceOf(ApprovalRefused.class);
        assertThat(approvals.find(r.id()).state()).isEqualTo(ApprovalState.PENDING);
        assertThat(engine.store.commands.allCommands()).isEmpty();
    }

    @Test
    void approvingNeedsApproveActionsAndTheActionsOwnPermission() {
        ApprovalRequest r = held(wipe(company));
        AdminActor helpDesk = admin("carol", false);
        AdminActor approverWithoutWipe = new AdminActor(UUID.randomUUID(), new Actor("dave", ""),
                EnumSet.of(Permission.APPROVE_ACTIONS, Permission.RETIRE), false);
        for (AdminActor who : List.of(helpDesk, approverWithoutWipe)) {
            assertThatThrownBy(() -> approvals.approve(r.id(), who, null))
                    .isInstanceOfSatisfying(ApprovalRefused.class,
                            e -> assertThat(e.code()).isEqualTo(ApprovalRefused.FORBIDDEN));
        }
        assertThat(approvals.find(r.id()).state()).isEqualTo(ApprovalState.PENDING);
    }

    @Test
    void approvalSubmitsAsTheRequesterWithTheApproverRecordedAndTheDevicesDecidedThen() {
        ApprovalRequest r = held(new ActionSubmission(Action.WIPE, io.latchkey.core.inventory.DeviceFilter.ALL,
                Map.of("keepUserData", "TRUE"), null, null));
        Device later = engine.add(TestDevices.ios().ownership(Ownership.PERSONAL).build());
        Approved approved = approvals.approve(r.id(), bob, "confirmed with the user");

        assertThat(approved.approval().state()).isEqualTo(ApprovalState.APPROVED);
        assertThat(approved.approval().decidedBy()).isEqualTo("bob");
        assertThat(approved.approval().comment()).isEqualTo("confirmed with the user");
        assertThat(approved.submitted().request().requestedBy()).isEqualTo("alice");
        assertThat(approved.submitted().request().options()).containsEntry("keepUserData", "true");
        // The device enrolled after the request was asked is in: the selection is made at approval.
        assertThat(approved.submitted().request().deviceCount()).isEqualTo(4);
        assertThat(engine.commandsOf(approved.submitted())).extracting(c -> c.deviceId()).contains(later.id());
        assertThat(approvals.actionOf(approved.approval())).hasValueSatisfying(
                a -> assertThat(a.id()).isEqualTo(approved.submitted().request().id()));
        AuditEvent submit = engine.store.audit.withAction("action.submit").get(0);
        assertThat(submit.actor()).isEqualTo("alice");
        assertThat(submit.detail()).contains("approved by bob").contains(r.id().toString());
        assertThat(engine.store.audit.withAction("approval.approve")).singleElement()
                .satisfies(e -> assertThat(e.actor()).isEqualTo("bob"));

        assertThatThrownBy(() -> approvals.approve(r.id(), admin("erin", true), null))
                .isInstanceOfSatisfying(Rejected.class, e -> {
                    assertThat(e.kind()).isEqualTo(Rejected.Kind.CONFLICT);
                    assertThat(e.getMessage()).contains("already approved (by bob)");
                });
        assertThat(engine.store.audit.withAction("action.submit")).hasSize(1);
    }

    @Test
    void rejectAndCancelEndTheRequestWithoutQueuingAnything() {
        ApprovalRequest rejected = held(wipe(company));
        assertThat(approvals.reject(rejected.id(), bob, "wrong device").state()).isEqualTo(ApprovalState.REJECTED);
        assertThatThrownBy(() -> approvals.approve(rejected.id(), bob, null)).isInstanceOf(Rejected.class)
                .hasMessageContaining("already rejected");

        ApprovalRequest mine = held(wipe(company));
        AdminActor helpDesk = admin("carol", false);
        assertThatThrownBy(() -> approvals.cancel(mine.id(), helpDesk, null))
                .isInstanceOfSatisfying(ApprovalRefused.class,
                        e -> assertThat(e.code()).isEqualTo(ApprovalRefused.NOT_REQUESTER));
        assertThat(approvals.cancel(mine.id(), alice, "found it").state()).isEqualTo(ApprovalState.CANCELLED);

        ApprovalRequest other = held(wipe(company));
        assertThat(approvals.cancel(other.id(), bob, null).decidedBy()).isEqualTo("bob");

        assertThat(engine.store.commands.allCommands()).isEmpty();
        assertThat(engine.store.audit.withAction("approval.reject")).hasSize(1);
        assertThat(engine.store.audit.withAction("approval.cancel")).hasSize(2);
    }

    @Test
    void after30DaysARequestExpiresOnReadAndInTheSweepAndCanNoLongerBeApproved() {
        ApprovalRequest read = held(wipe(company));
        ApprovalRequest swept = held(wipe(company));
        engine.clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(approvals.expireDue()).isZero();
        assertThat(approvals.find(read.id()).state()).isEqualTo(ApprovalState.PENDING);
        engine.clock.advance(Duration.ofSeconds(1));

        assertThat(approvals.find(read.id()).state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(approvals.expireDue()).isEqualTo(1);
        assertThat(store.find(swept.id()).orElseThrow().state()).isEqualTo(ApprovalState.EXPIRED);
        assertThat(approvals.expireDue()).isZero();
        assertThatThrownBy(() -> approvals.approve(read.id(), bob, null)).isInstanceOf(Rejected.class)
                .hasMessageContaining("already expired");
        assertThat(approvals.page(ApprovalState.PENDING, null, 10).items()).isEmpty();
        assertThat(engine.store.audit.withAction("approval.expire")).hasSize(2)
                .allSatisfy(e -> assertThat(e.actor()).isEqualTo("system"));
        assertThat(engine.store.commands.allCommands()).isEmpty();
    }

    @Test
    void ofManyConcurrentApproversExactlyOneWinsAndOneActionIsQueued() throws Exception {
        ApprovalRequest r = held(wipe(company, personal));
        int n = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            AdminActor approver = admin("approver" + i, true);
            tasks.add(() -> {
                go.await();
                try {
                    approvals.approve(r.id(), approver, null);
                    return true;
                } catch (Rejected e) {
                    return false;
                }
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            tasks.forEach(t -> results.add(pool.submit(t)));
            go.countDown();
            int won = 0;
            for (Future<Boolean> f : results) {
                won += f.get() ? 1 : 0;
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(engine.store.audit.withAction("action.submit")).hasSize(1);
        assertThat(engine.store.commands.allCommands()).hasSize(2);
    }

    @Test
    void aRoleAssignmentListMakesTheActorsPermissions() {
        UUID id = UUID.randomUUID();
        AdminActor helpDesk = AdminActor.of(id, new Actor("h", ""), List.of(new io.latchkey.core.access.RoleAssignment(
                id, io.latchkey.core.access.Role.helpDeskOperator(), io.latchkey.core.access.Scope.ALL)));
        assertThat(helpDesk.may(Permission.WIPE)).isTrue();
        assertThat(helpDesk.may(Permission.APPROVE_ACTIONS)).isFalse();
        assertThat(helpDesk.administrator()).isFalse();
        AdminActor admin = AdminActor.of(id, new Actor("a", ""), List.of(new io.latchkey.core.access.RoleAssignment(
                id, io.latchkey.core.access.Role.administrator(), io.latchkey.core.access.Scope.ALL)));
        assertThat(admin.may(Permission.APPROVE_ACTIONS)).isTrue();
        assertThat(admin.administrator()).isTrue();
    }
}
