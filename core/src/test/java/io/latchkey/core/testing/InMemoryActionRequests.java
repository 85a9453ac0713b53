package io.latchkey.core.testing;

import io.latchkey.core.action.ActionRequest;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.Command;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.inventory.Page;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Action requests, stored atomically with their commands and audit event in an {@link InMemoryCommands}. */
public final class InMemoryActionRequests implements ActionRequests {
    private final InMemoryCommands commands;

    public InMemoryActionRequests(InMemoryCommands commands) {
        this.commands = commands;
    }

    @Override
    public ActionRequest create(ActionRequest request, List<Command> list, AuditEvent event) {
        return commands.create(request, list, event);
    }

    @Override
    public Optional<ActionRequest> find(UUID id) {
        return commands.request(id);
    }

    @Override
    public Optional<ActionRequest> findByIdempotencyKey(String requestedBy, String idempotencyKey) {
        return commands.requestByKey(requestedBy, idempotencyKey);
    }

    @Override
    public Page<ActionRequest> page(String cursor, int limit) {
        return Paging.page(commands.requestsNewestFirst(), r -> r.id().toString(), cursor, limit);
    }
}
