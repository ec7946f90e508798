package org.returnsbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.returnsbridge.webhooks.ReveniSignature.Verdict;

class ReveniSignatureTest {

    private static final byte[] BODY = "{\"id\":\"c6927a921708466da5ed2b4ebadf0bdf\"}".getBytes(StandardCharsets.UTF_8);
    private final ReveniSignature signature = new ReveniSignature("merchant-key", Duration.ofMinutes(5));
    private final Instant now = Instant.ofEpochSecond(1_800_000_000L);

    @Test
    void timestampMayCarryAFractionAndIsSignedAsSent() {
        String header = signature.sign("1800000000.123", BODY);

        assertThat(signature.verify(header, BODY, now)).isEqualTo(Verdict.VALID);
        assertThat(signature.verify(header.replace("1800000000.123", "1800000000"), BODY, now)).isEqualTo(Verdict.MISMATCH);
    }

    @Test
    void anyMatchingV1AmongSeveralAndOtherSchemesIgnored() {
        String genuine = signature.sign("1800000000", BODY);
        String v1 = genuine.substring(genuine.indexOf("v1="));

        assertThat(signature.verify("t=1800000000,v0=abcd,v1=00ff," + v1 + ",v2=zz", BODY, now)).isEqualTo(Verdict.VALID);
        assertThat(signature.verify("t=1800000000," + v1.toUpperCase().replace("V1=", "v1="), BODY, now))
                .as("hex case does not matter").isEqualTo(Verdict.VALID);
    }

    @Test
    void toleranceWorksBothWays() {
        assertThat(signature.verify(signature.sign("1799999701", BODY), BODY, now)).isEqualTo(Verdict.VALID);
        assertThat(signature.verify(signature.sign("1799999699", BODY), BODY, now)).isEqualTo(Verdict.STALE);
        assertThat(signature.verify(signature.sign("1800000301", BODY), BODY, now)).as("from the future").isEqualTo(Verdict.STALE);
    }

    @Test
    void malformedHeadersAreNamed() {
        assertThat(signature.verify(null, BODY, now)).isEqualTo(Verdict.MISSING);
        assertThat(signature.verify("v1=abc", BODY, now)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.verify("t=yesterday,v1=abc", BODY, now)).isEqualTo(Verdict.MALFORMED);
        assertThat(signature.verify("t=1800000000,v1=not-hex", BODY, now)).isEqualTo(Verdict.MISMATCH);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "t={0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"", "-1", "+1800000000", "9223372036854775808", "1e30",
            "1.8e9", "NaN", "0x1F", "1800000000.", "1800000000.1.2", "9999999999999"})
    void anImpossibleTimestampIsMalformedFromTheHeaderAlone(String t) {
        assertThat(signature.checkHeader("t=" + t + ",v1=00ff", now).verdict()).isEqualTo(Verdict.MALFORMED);
    }

    @Test
    void theHeaderAloneDecidesMissingStaleAndOk() {
        assertThat(signature.checkHeader("t=1800000000,v0=00ff", now).verdict()).as("no v1").isEqualTo(Verdict.MISSING);
        assertThat(signature.checkHeader("t=1700000000,v1=00ff", now).verdict()).isEqualTo(Verdict.STALE);
        assertThat(signature.checkHeader("t=999999999999,v1=00ff", now).verdict()).isEqualTo(Verdict.STALE);
        assertThat(signature.checkHeader("t=1800000000.5,v1=00ff", now).verdict()).isEqualTo(Verdict.HEADER_OK);
        assertThat(signature.verify(signature.checkHeader("t=1800000000,v1=00ff", now), BODY)).isEqualTo(Verdict.MISMATCH);
    }
}
