package io.latchkey.wake;

/** Counters of a wake sender since it started; {@code queued} is the devices waiting now. */
public record WakeStats(long accepted, long rejected, long retried, long dropped, int queued) {
}
