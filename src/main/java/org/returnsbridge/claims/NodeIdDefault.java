package org.returnsbridge.claims;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;

/**
 * Settles this node's id before logging starts, so the log pattern can carry it from the very first line and
 * the claims carry the same id: {@code BRIDGE_NODE_ID} when set, otherwise one generated once per process.
 */
public class NodeIdDefault implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    public static final String PROPERTY = "bridge.cluster.default-node-id";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!event.getEnvironment().containsProperty(PROPERTY)) {
            event.getEnvironment().getPropertySources().addLast(new MapPropertySource("bridge-node-id",
                    Map.of(PROPERTY, NodeIdentity.resolve(null))));
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER - 1;
    }
}
