package org.returnsbridge.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The status view: sync mode, the poll's lag from its recorded last run, Sitoo's circuit, the mappings in force. */
class StatusPageTest extends OperationsPageTestBase {

    @Autowired
    private CircuitBreaker sitooCircuitBreaker;

    @Test
    void beforeAnyPollTheLagSaysSo() {
        Document page = page("/operations/status");

        assertThat(page.selectFirst("#poll-lag").text()).isEqualTo("no complete poll yet");
        assertThat(page.selectFirst("#poll-lag").hasAttr("data-seconds")).isFalse();
        assertThat(page.selectFirst("#last-poll").text()).isEqualTo("never");
    }

    @Test
    void showsSyncModePollLagCircuitStateAndTheMappings() {
        poll();

        Document page = page("/operations/status");

        assertThat(page.selectFirst("#sync-mode").text()).isEqualTo("immediate");
        assertThat(page.selectFirst("#bridge-mode").attr("data-mode")).isEqualTo("sandbox");
        long lag = Long.parseLong(page.selectFirst("#poll-lag").attr("data-seconds"));
        assertThat(lag).isBetween(0L, 60L);
        assertThat(page.selectFirst("#poll-lag").text()).isEqualTo(HumanDuration.of(lag));
        assertThat(page.selectFirst("#last-poll").attr("datetime")).isNotBlank();
        assertThat(page.selectFirst("#circuit-state").text()).isEqualTo("closed");
        assertThat(page.selectFirst("table#mappings tr[data-location=store-stockholm-01] td.warehouse").text()).isEqualTo("1");
        assertThat(page.selectFirst("table#mappings tr[data-location=store-goteborg-01] td.warehouse").text()).isEqualTo("2");
        assertThat(page.selectFirst("#sku-overrides").text()).matches("\\d+");

        sitooCircuitBreaker.transitionToOpenState();
        assertThat(page("/operations/status").selectFirst("#circuit-state").text()).isEqualTo("open");
        sitooCircuitBreaker.transitionToHalfOpenState();
        assertThat(page("/operations/status").selectFirst("#circuit-state").text()).isEqualTo("half_open");
    }
}
