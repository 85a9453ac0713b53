package io.latchkey.channel.apple.push;

/**
 * Counters of one {@link ApnsMdmPush} since it was opened.
 *
 * @param accepted pushes APNs accepted
 * @param rejected pushes APNs refused for good (invalid token or another 4xx); not retried
 * @param retried  retries scheduled after a 429, a 5xx or a transport failure
 * @param dropped  wakes given up after {@code maxRetryAge} of failures
 * @param queued   devices waiting for a push now (fresh, follow-up or retry)
 */
public record PushStats(long accepted, long rejected, long retried, long dropped, int queued) {
}
