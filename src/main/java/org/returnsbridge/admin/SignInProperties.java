package org.returnsbridge.admin;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The throttle on wrong passwords ({@code BRIDGE_SIGNIN_*}): a remote address that gets the operator account
 * wrong {@code maxFailures} times within {@code window} is answered 429 on every request carrying credentials
 * until its oldest counted failure is {@code window} old. {@code trackedAddresses} bounds the memory it uses.
 */
@Validated
@ConfigurationProperties(prefix = "bridge.sign-in")
public record SignInProperties(@Min(1) @Max(10_000) int maxFailures, @NotNull Duration window,
                               @Min(100) int trackedAddresses) {

    public SignInProperties {
        if (window != null && (window.isNegative() || window.isZero())) {
            throw new IllegalArgumentException("bridge.sign-in.window (BRIDGE_SIGNIN_WINDOW) must be positive, not " + window);
        }
    }
}
