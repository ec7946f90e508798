package org.returnsbridge.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import org.junit.jupiter.api.Test;
import org.returnsbridge.BridgeProperties;

/** The budget of webhook body bytes in flight, and the settings it is made from. */
class WebhookBodyBudgetTest {

    @Test
    void sharesAreTakenUpToTheCapacityNeverWaitingAndGivenBack() {
        WebhookBodyBudget budget = new WebhookBodyBudget(1000);

        WebhookBodyBudget.Share first = budget.tryTake(600);
        WebhookBodyBudget.Share second = budget.tryTake(400);

        assertThat(first).isNotNull();
        assertThat(second).isNotNull();
        assertThat(budget.tryTake(1)).as("spent").isNull();
        assertThat(budget.inFlight()).isEqualTo(1000);
        first.close();
        first.close(); // twice gives back once
        assertThat(budget.inFlight()).isEqualTo(400);
        assertThat(budget.tryTake(600)).isNotNull();
        assertThat(budget.peak()).isEqualTo(1000);
    }

    @Test
    void aShareLargerThanTheWholeBudgetOrNegativeIsNeverGiven() {
        WebhookBodyBudget budget = new WebhookBodyBudget(1000);

        assertThat(budget.tryTake(1001)).isNull();
        assertThat(budget.tryTake(-1)).isNull();
        assertThat(budget.tryTake(0)).isNotNull();
        assertThat(budget.inFlight()).isZero();
    }

    @Test
    void aBudgetSmallerThanOneEventIsRefusedAtStartUp() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(webhooks(262_144, 4_194_304))).isEmpty();
        assertThat(validator.validate(webhooks(262_144, 262_144))).isEmpty();
        assertThat(validator.validate(webhooks(262_144, 100_000))).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).contains("max-inflight-bytes must be at least"));
        assertThat(validator.validate(webhooks(100, 4_194_304))).as("a body limit below 1 KiB").isNotEmpty();
        assertThat(validator.validate(webhooks(262_144, 4_000_000_000L))).as("beyond an int of bytes").isNotEmpty();
    }

    private static BridgeProperties.Webhooks webhooks(long maxBody, long budget) {
        return new BridgeProperties.Webhooks(Duration.ofMinutes(5), null, 8, maxBody, budget, Duration.ofSeconds(10));
    }
}
