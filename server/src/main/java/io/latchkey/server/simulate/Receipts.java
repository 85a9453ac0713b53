package io.latchkey.server.simulate;

import java.util.Arrays;
import java.util.List;

/**
 * When each simulated device received commands, as seen at the device: its count of commands received,
 * sampled every {@link #EVERY_MS} ms by one thread, so a time is late by at most that much. Devices never
 * call back into the run, so the simulator's device code stays as it is and costs nothing more per device.
 */
final class Receipts implements AutoCloseable {
    static final long EVERY_MS = 20;

    private final List<SimulatedDevices.Member> members;
    private final int[] last;
    private final long[][] times;
    private final int[] sizes;
    private final Thread sampler;
    private volatile boolean running = true;

    Receipts(List<SimulatedDevices.Member> members) {
        this.members = List.copyOf(members);
        this.last = new int[members.size()];
        this.times = new long[members.size()][];
        this.sizes = new int[members.size()];
        for (int i = 0; i < last.length; i++) {
            last[i] = this.members.get(i).received().getAsInt();
        }
        this.sampler = Thread.ofPlatform().daemon().name("simulate-receipts").start(this::sample);
    }

    private void sample() {
        while (running) {
            long now = System.currentTimeMillis();
            synchronized (this) {
                for (int i = 0; i < last.length; i++) {
                    int c = members.get(i).received().getAsInt();
                    if (c > last[i]) {
                        last[i] = c;
                        if (times[i] == null) {
                            times[i] = new long[2];
                        } else if (sizes[i] == times[i].length) {
                            times[i] = Arrays.copyOf(times[i], sizes[i] * 2);
                        }
                        times[i][sizes[i]++] = now;
                    }
                }
            }
            try {
                Thread.sleep(EVERY_MS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Commands received by all devices since the run began watching. */
    synchronized long total() {
        long n = 0;
        for (int s : sizes) {
            n += s;
        }
        return n;
    }

    /** The first time device {@code i} received a command at or after {@code sinceMs}; -1 if it has not. */
    synchronized long firstAt(int i, long sinceMs) {
        for (int k = 0; k < sizes[i]; k++) {
            if (times[i][k] >= sinceMs) {
                return times[i][k];
            }
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }
}
