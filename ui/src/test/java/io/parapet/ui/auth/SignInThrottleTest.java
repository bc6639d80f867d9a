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

    @Test
    void capsOneAddressOverAllAccountsSoKeyGuessingStops() {
        SignInThrottle throttle = new SignInThrottle();
        for (int i = 0; i < SignInThrottle.ADDRESS_FAILURES; i++) {
            assertThat(throttle.waitSeconds("10.0.0.9", "key:" + i)).isZero();
            throttle.failed("10.0.0.9", "key:" + i);
        }
        assertThat(throttle.waitSeconds("10.0.0.9", "key:never-tried")).isPositive();
        assertThat(throttle.waitSeconds("10.0.0.8", "key:never-tried")).isZero();
    }

    @Test
    void keepsCountingUnderASprayOfAddresses() {
        SignInThrottle throttle = new SignInThrottle();
        for (int i = 0; i < SignInThrottle.FAILURES; i++) {
            throttle.failed("10.0.0.1", "ada");
        }
        for (int i = 0; i < 20_000; i++) {
            throttle.failed("192.0.2." + (i % 250) + "." + i, "ada");
        }
        assertThat(throttle.waitSeconds("10.0.0.1", "ada")).isPositive();
    }
}
