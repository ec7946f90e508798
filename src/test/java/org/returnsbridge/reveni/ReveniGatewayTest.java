package org.returnsbridge.reveni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The Reveni gateway routes against the sandbox: what each answer means to the client. */
class ReveniGatewayTest extends SandboxedBridgeTest {

    @Autowired
    private ReveniClient reveni;

    @Test
    void aReturnReveniDoesNotKnowIsEmptyNotAFailure() {
        assertThat(reveni.fetchReturn("no-such-return")).isEmpty();
    }

    @Test
    void aPagePastTheEndIsReadAsTheEnd() {
        ReturnsPage page = reveni.fetchPage(reveni.pageUrl(Instant.parse("2020-01-01T00:00:00Z"), 999));

        assertThat(page.readable()).isTrue();
        assertThat(page.results()).isEmpty();
        assertThat(page.hasNext()).isFalse();
    }

    @Test
    void aServerErrorIsReveniUnavailableAndTheGatewayDoesNotRetry() {
        sandbox.reveniFaults("{\"rate500\": 1.0}");

        assertThatThrownBy(() -> reveni.fetchPage(reveni.firstPageUrl(Instant.parse("2020-01-01T00:00:00Z"))))
                .isInstanceOf(ReveniUnavailableException.class).hasMessageContaining("HTTP 500");
        assertThat(sandbox.callsAnswered("reveni", 500)).as("one request").isEqualTo(1);
    }
}
