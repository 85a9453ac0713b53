package io.latchkey.core.testing;

/**
 * Every storage port of the core, in memory and wired together: a test builds one and hands its
 * parts to the use cases. Public so other modules reuse it through the core's test-jar.
 */
public final class InMemoryStore {
    public final InMemoryAuditLog audit = new InMemoryAuditLog();
    public final InMemoryGroups groups = new InMemoryGroups();
    public final InMemoryDevices devices = new InMemoryDevices(groups);
    public final InMemoryCommands commands = new InMemoryCommands(audit);
    public final InMemoryActionRequests requests = new InMemoryActionRequests(commands);
}
