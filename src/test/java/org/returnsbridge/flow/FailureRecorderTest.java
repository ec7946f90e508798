package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionOperations;
import org.returnsbridge.exceptions.ExceptionRecord;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.exceptions.ReplayOutcome;
import org.returnsbridge.exceptions.WorkKind;
import org.returnsbridge.failure.BridgeException;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The exception route files the unit of work its route named, not whatever the message body has become. */
class FailureRecorderTest extends SandboxedBridgeTest {

    @Autowired
    private FailureRecorder failures;
    @Autowired
    private CamelContext camelContext;
    @Autowired
    private ExceptionOperations operations;

    @Test
    void theNamedUnitOfWorkIsFiledWhateverTheBody() {
        String returnId = newId();
        Exchange exchange = failed(new BridgeException(ExceptionCategory.INVALID_RETURN, "no return_items array"));
        exchange.getIn().setBody(new StringBuilder("a body that names no work"));
        exchange.setProperty(FailedWork.PROPERTY, FailedWork.Return.of(returnId, "store-1", "{\"id\":\"" + returnId + "\"}"));

        failures.record(exchange);

        ExceptionRecord record = exceptionsFor("return:" + returnId).get(0);
        assertThat(record.kind()).isEqualTo(WorkKind.RETURN);
        assertThat(record.returnId()).isEqualTo(returnId);
        assertThat(record.locationId()).isEqualTo("store-1");
        assertThat(record.payload()).isEqualTo("{\"id\":\"" + returnId + "\"}");
        assertThat(record.category()).isEqualTo(ExceptionCategory.INVALID_RETURN);
    }

    @Test
    void aRouteThatNamedNoUnitOfWorkIsStillFiledButCannotBeReplayed() {
        Exchange exchange = failed(new IllegalStateException("a defect"));
        exchange.getIn().setBody("whatever was in flight");

        failures.record(exchange);

        ExceptionRecord record = exceptionsFor("unknown:" + exchange.getExchangeId()).get(0);
        assertThat(record.kind()).isEqualTo(WorkKind.RETURN);
        assertThat(record.returnId()).isNull();
        assertThat(record.payload()).isEqualTo("whatever was in flight");
        assertThat(record.category()).isEqualTo(ExceptionCategory.INTERNAL_ERROR);
        assertThat(operations.replay(record.id()).outcome()).isEqualTo(ReplayOutcome.NOT_REPLAYABLE);
    }

    private Exchange failed(Throwable failure) {
        Exchange exchange = new DefaultExchange(camelContext);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}
