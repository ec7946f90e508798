package org.returnsbridge.connections;

import java.util.Map;

import org.returnsbridge.BridgeApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Decides the mode before anything else starts (no database, no port, no thread yet), so a deployment
 * that is not configured is refused within a second or two of starting, and sandbox data never lands in a
 * live database:
 * <ul>
 *   <li>{@code BRIDGE_MODE} must be {@code live} (the default) or {@code sandbox};</li>
 *   <li>live mode needs all six vendor variables, each missing one is named;</li>
 *   <li>sandbox mode refuses vendor variables: they say someone meant live, and the sandbox would ignore them;</li>
 *   <li>each mode gets its own default database ({@code bridge.database.default-url}, used when
 *       {@code SPRING_DATASOURCE_URL} is not set): live an H2 file under ./data, sandbox a fresh in-memory
 *       database per run, as fresh as the sandbox's own world;</li>
 *   <li>and its own default reports folder ({@code bridge.reports.default-dir}, used when
 *       {@code BRIDGE_REPORTS_DIR} is not set): live ./reports, sandbox ./reports/sandbox, so a demo's
 *       reconciliation never overwrites a live day's CSV.</li>
 * </ul>
 * Registered in META-INF/spring.factories; runs right after logging is set up, so a refusal is logged as
 * configured.
 */
public class BridgeModeCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    public static final String DEFAULT_URL_PROPERTY = "bridge.database.default-url";
    static final String LIVE_DEFAULT_URL = "jdbc:h2:file:./data/bridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    static final String SANDBOX_DEFAULT_URL = "jdbc:h2:mem:sandbox-bridge;DB_CLOSE_DELAY=-1";
    public static final String DEFAULT_REPORTS_PROPERTY = "bridge.reports.default-dir";
    static final String LIVE_DEFAULT_REPORTS = "./reports";
    static final String SANDBOX_DEFAULT_REPORTS = "./reports/sandbox";

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!event.getSpringApplication().getAllSources().contains(BridgeApplication.class)) {
            return; // another application in the same JVM (a test of logging alone): not the bridge's business
        }
        ConfigurableEnvironment env = event.getEnvironment();
        BridgeMode mode = BridgeMode.parse(env.getProperty(BridgeMode.PROPERTY));
        ConnectionProperties connections = Binder.get(env).bind("bridge.connections", ConnectionProperties.class)
                .orElseThrow(() -> new IllegalStateException("bridge.connections is missing from application.yml"));
        VendorConnections.checkFor(mode, connections);
        boolean sandbox = mode == BridgeMode.SANDBOX;
        env.getPropertySources().addLast(new MapPropertySource("bridge-mode-defaults", Map.of(
                DEFAULT_URL_PROPERTY, sandbox ? SANDBOX_DEFAULT_URL : LIVE_DEFAULT_URL,
                DEFAULT_REPORTS_PROPERTY, sandbox ? SANDBOX_DEFAULT_REPORTS : LIVE_DEFAULT_REPORTS)));
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 1;
    }
}
