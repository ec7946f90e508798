package org.returnsbridge.operations;

import java.time.Clock;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.returnsbridge.BridgeProperties;
import org.returnsbridge.SyncMode;
import org.returnsbridge.connections.BridgeMode;
import org.returnsbridge.flow.PollCheckpoint;
import org.returnsbridge.health.HealthProperties;
import org.returnsbridge.mapping.MappingRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The bridge's state for people: the same facts the health indicators and metrics read (the poll's last complete
 * run, Sitoo's circuit breaker), with the settings and mappings that decide where stock goes.
 */
@Controller
class StatusPageController {

    private final BridgeProperties props;
    private final HealthProperties health;
    private final BridgeMode mode;
    private final PollCheckpoint checkpoint;
    private final CircuitBreaker sitooCircuitBreaker;
    private final MappingRegistry mappings;
    private final Clock clock;

    StatusPageController(BridgeProperties props, HealthProperties health, BridgeMode mode, PollCheckpoint checkpoint,
                         @Qualifier("sitooCircuitBreaker") CircuitBreaker sitooCircuitBreaker, MappingRegistry mappings,
                         Clock clock) {
        this.props = props;
        this.health = health;
        this.mode = mode;
        this.checkpoint = checkpoint;
        this.sitooCircuitBreaker = sitooCircuitBreaker;
        this.mappings = mappings;
        this.clock = clock;
    }

    @GetMapping("/operations/status")
    String status(Model model) {
        var sync = props.sync();
        String syncDetail = sync.mode() == SyncMode.INTERVAL
                ? "one stock-in per warehouse every " + HumanDuration.of(sync.window()) + " or per " + sync.batchSize() + " lines"
                : "one stock-in per line, as soon as it is sellable";
        model.addAttribute("page", "status");
        model.addAttribute("status", StatusView.of(StateNames.key(mode), StateNames.key(sync.mode()), syncDetail,
                props.poll().enabled(), checkpoint.lastPolled(), health.maxPollLag(),
                StateNames.key(sitooCircuitBreaker.getState()), mappings.current(), clock.instant()));
        return "operations/status";
    }
}
