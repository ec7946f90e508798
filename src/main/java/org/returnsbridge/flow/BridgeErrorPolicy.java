package org.returnsbridge.flow;

import org.apache.camel.builder.RouteConfigurationBuilder;
import org.springframework.stereotype.Component;

/**
 * The one error policy, shared by id between the Java routes and the YAML routes in routes/
 * ({@code routeConfigurationId: bridge-error-policy}). A line that fails is filed in the exception
 * queue with its category and reason, and the batch carries on with the next line.
 */
@Component
public class BridgeErrorPolicy extends RouteConfigurationBuilder {

    public static final String ID = "bridge-error-policy";

    private final FailureRecorder recorder;

    public BridgeErrorPolicy(FailureRecorder recorder) {
        this.recorder = recorder;
    }

    @Override
    public void configuration() {
        routeConfiguration(ID)
                .onException(Exception.class)
                    .handled(true)
                    .logHandled(false) // FailureRecorder logs it once, with its category
                    .process(recorder::record)
                .end();
    }
}
