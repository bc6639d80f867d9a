package io.parapet.ui.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    @Test
    void refusesAfterTheFailuresOfOneAccountFromOneAddress() {
        SignInThrottle throttle = new SignInThrottle();
        for (int i = 0; i < SignInThrottle.FAILURES; i++) {
            assertThat(throttle.waitSeconds("10.0.0.1", "ada")).isZero();
            throttle.failed("10.0.0.1", "ada");
        }
        assertThat(throttle.waitSeconds("10.0.0.1", "ada")).isPositive();
        assertThat(throttle.waitSeconds("10.0.0.1", "ADA ")).isPositive();
        assertThat(throttle.waitSeconds("10.0.0.2", "ada")).isZero();
        assertThat(throttle.waitSeconds("10.0.0.1", "bob")).isZero();
    }
}
