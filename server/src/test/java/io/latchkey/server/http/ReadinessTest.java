package io.latchkey.server.http;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {

    @Test
    void answers_the_check() {
        assertThat(new Readiness(() -> true, Duration.ofSeconds(1)).ready()).isTrue();
        assertThat(new Readiness(() -> false, Duration.ofSeconds(1)).ready()).isFalse();
    }

    @Test
    void a_failing_check_is_not_ready() {
        assertThat(new Readiness(() -> {
            throw new IllegalStateException("database gone");
        }, Duration.ofSeconds(1)).ready()).isFalse();
    }

    @Test
    void a_check_that_hangs_is_not_ready_once_the_deadline_passed() {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        boolean ready = new Readiness(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return true;
        }, Duration.ofMillis(100)).ready();
        assertThat(ready).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        never.countDown();
    }
}
