package org.returnsbridge.sales;

import org.apache.camel.builder.RouteBuilder;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.failure.BridgeErrorPolicy;
import org.returnsbridge.support.LogContext;
import org.springframework.stereotype.Component;

/**
 * The sales side of a return: after its lines, each refund (and each exchange) becomes one Sitoo
 * return order, under the same error policy and exception queue as stock. Each route names its unit of work
 * ({@link FailedWork#PROPERTY}) first: the return as a whole, then each sales record.
 */
@Component
public class SalesRoutes extends RouteBuilder {

    public static final String RETURN_SALES = "direct:return-sales";

    private final SalesRecorder recorder;

    public SalesRoutes(SalesRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void configure() {
        from(RETURN_SALES)
                .routeId("return-sales")
                .routeConfigurationId(BridgeErrorPolicy.ID)
                .setProperty(FailedWork.PROPERTY, method(SalesWork.class, "returnOf")).id("sales-unit-of-work")
                .split(method(SalesWork.class, "of")).id("split-sales-records")
                    .to("direct:sales-record").id("each-sales-record")
                .end();

        from("direct:sales-record")
                .routeId("sales-record")
                .routeConfigurationId(BridgeErrorPolicy.ID)
                .setProperty(FailedWork.PROPERTY, simple("${body.failedWork()}")).id("sales-record-unit-of-work")
                .setProperty(LogContext.RETURN_ID, simple("${body.returnId()}")).id("sales-log-return-id")
                .setProperty(LogContext.REFUND_ID, simple("${body.refundId()}")).id("sales-log-refund-id") // none for an exchange
                .setProperty(LogContext.ITEM_ID, simple("${body.itemId()}")).id("sales-log-item-id") // none for a refund
                .bean(recorder, "record").id("record-sale");
    }
}
