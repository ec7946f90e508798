package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.returnsbridge.admin.StartedBridge.RawResponse;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Wrong passwords: each is logged (user name and address, never the password) and counted per remote address;
 * an address with too many gets 429 with Retry-After on every request with credentials, the right password
 * included, until the window passes; other addresses carry on. Each test plays callers on addresses of its own
 * (127.0.0.N), against one bridge allowing 5 failures in 6 seconds.
 */
@ExtendWith(OutputCaptureExtension.class)
class FailedSignInTest {

    private static final int MAX_FAILURES = 5;
    private static final Duration WINDOW = Duration.ofSeconds(6);
    private static final String RIGHT = StartedBridge.basic(StartedBridge.USER, StartedBridge.PASSWORD);

    private static StartedBridge bridge;

    @BeforeAll
    static void start() {
        bridge = StartedBridge.start("--bridge.sign-in.max-failures=" + MAX_FAILURES, "--bridge.sign-in.window=" + WINDOW);
    }

    @AfterAll
    static void stop() {
        if (bridge != null) {
            bridge.close();
        }
    }

    @Test
    void manyWrongPasswordsFromOneAddressAreThrottledAndOthersAreNot() {
        String attacker = "127.0.0.11";
        int unauthorized = 0;
        int throttled = 0;
        for (int i = 0; i < 40; i++) {
            RawResponse answer = bridge.getFrom(attacker, "/api/exceptions", StartedBridge.basic(StartedBridge.USER, "guess-" + i));
            if (answer.status() == 401) {
                unauthorized++;
            } else if (answer.status() == 429) {
                throttled++;
                assertThat(Long.parseLong(answer.headers().get("retry-after"))).isBetween(1L, WINDOW.toSeconds());
                assertThat(answer.body()).contains("\"detail\"").contains("too many failed sign-ins");
            }
        }
        assertThat(unauthorized).isEqualTo(MAX_FAILURES);
        assertThat(throttled).isEqualTo(40 - MAX_FAILURES);

        // The right password is refused too while the block lasts: otherwise the guesser would learn the right guess.
        assertThat(bridge.getFrom(attacker, "/api/exceptions", RIGHT).status()).isEqualTo(429);
        // X-Forwarded-For is not trusted (no forward-headers strategy is configured): a client cannot pick another address.
        for (String forged : new String[] {"10.9.9.9", "127.0.0.12", "203.0.113.7, 127.0.0.12"}) {
            assertThat(bridge.getFrom(attacker, "/api/exceptions", RIGHT, "X-Forwarded-For: " + forged + "\r\n").status())
                    .isEqualTo(429);
        }
        // Any other address is unaffected, and so are the probes and calls without credentials.
        assertThat(bridge.getFrom("127.0.0.12", "/api/exceptions", RIGHT).status()).isEqualTo(200);
        assertThat(bridge.getFrom(attacker, "/actuator/health/readiness", RIGHT).status()).isEqualTo(200);
        assertThat(bridge.getFrom(attacker, "/api/exceptions", null).status()).isEqualTo(401);

        // Once the window has passed, the address signs in again.
        await().atMost(WINDOW.plusSeconds(5)).pollInterval(Duration.ofMillis(250))
                .until(() -> bridge.getFrom(attacker, "/api/exceptions", RIGHT).status() == 200);
    }

    @ParameterizedTest(name = "{0} wrong, then the right one")
    @ValueSource(ints = {1, 2, MAX_FAILURES - 1})
    void fewerFailuresThanTheLimitDoNotBlock(int failures) {
        String caller = "127.0.0." + (20 + failures);
        for (int i = 0; i < failures; i++) {
            assertThat(bridge.getFrom(caller, "/api/exceptions", StartedBridge.basic("ops", "typo" + i)).status()).isEqualTo(401);
        }
        assertThat(bridge.getFrom(caller, "/api/exceptions", RIGHT).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "user {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
            "ops          | ops",
            "admin        | admin",
            "root\\nFAKE  | root\\u000aFAKE",
            "<script>'\"  | <script>\\u0027\\u0022",
    })
    void eachFailureIsLoggedWithUserAndAddressButNotThePassword(String user, String logged, CapturedOutput output) {
        String realUser = user.replace("\\n", "\n");
        String password = "pw-" + Integer.toHexString(realUser.hashCode()) + "-never-logged";
        String caller = "127.0.1." + (1 + Math.floorMod(realUser.hashCode(), 250));

        assertThat(bridge.getFrom(caller, "/api/exceptions", StartedBridge.basic(realUser, password)).status()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("Failed sign-in as user '" + logged + "' from " + caller));
        assertThat(output.getOut()).doesNotContain(password).doesNotContain("FAKE\n").doesNotContain(StartedBridge.PASSWORD);
    }

    @Test
    void aLongUserNameIsCutShort(CapturedOutput output) {
        String caller = "127.0.0.90";
        String longName = "x".repeat(5000);

        assertThat(bridge.getFrom(caller, "/api/exceptions", StartedBridge.basic(longName, "pw")).status()).isEqualTo(401);

        await().atMost(Duration.ofSeconds(5)).until(() -> output.getOut().contains("from " + caller));
        assertThat(output.getOut()).contains("x".repeat(FailedSignInLog.MAX_USERNAME_LENGTH) + "…(5000 characters)")
                .doesNotContain("x".repeat(FailedSignInLog.MAX_USERNAME_LENGTH + 1));
    }

    @Test
    void blockingIsLoggedOnce(CapturedOutput output) {
        String caller = "127.0.0.91";
        for (int i = 0; i < MAX_FAILURES + 3; i++) {
            bridge.getFrom(caller, "/api/exceptions", StartedBridge.basic("ops", "nope" + i));
        }
        assertThat(output.getOut().split("Sign-ins from " + caller.replace(".", "\\.") + " are refused", -1)).hasSize(2);
    }
}
