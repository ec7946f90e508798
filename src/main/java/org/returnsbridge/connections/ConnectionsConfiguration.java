package org.returnsbridge.connections;

import org.returnsbridge.reveni.ReveniConnection;
import org.returnsbridge.sandbox.SandboxServer;
import org.returnsbridge.sandbox.SandboxSettings;
import org.returnsbridge.sitoo.SitooConnection;
import org.returnsbridge.support.LogBanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Produces the two vendor connections. In sandbox mode it first starts the built-in simulation of
 * both APIs on a local port and points the connections at it, so the rest of the bridge cannot tell
 * the difference: everything still goes over real HTTP.
 */
@Configuration(proxyBeanMethods = false)
public class ConnectionsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ConnectionsConfiguration.class);

    /** BRIDGE_MODE, already checked against the vendor settings by {@link BridgeModeCheck}. */
    @Bean
    BridgeMode bridgeMode(Environment env) {
        return BridgeMode.parse(env.getProperty(BridgeMode.PROPERTY));
    }

    /** Only exists in sandbox mode; closed with the application context. */
    @Bean(destroyMethod = "close")
    SandboxHolder sandboxHolder(BridgeMode mode, ConnectionProperties props, Environment env) {
        if (mode != BridgeMode.SANDBOX) {
            return new SandboxHolder(null);
        }
        var sb = props.sandbox();
        SandboxSettings settings = SandboxSettings.defaults()
                .withPort(sb.port() == null ? 8089 : sb.port())
                .withTrickle(sb.trickle() == null || sb.trickle())
                .withTrickleIntervalSeconds(sb.trickleIntervalSeconds() == null ? 5 : sb.trickleIntervalSeconds());
        SandboxServer server = SandboxServer.start(settings);
        if (sb.sitooFaults() != null && !sb.sitooFaults().isBlank()) {
            server.configureFaults("sitoo", sb.sitooFaults());
        }
        if (sb.reveniFaults() != null && !sb.reveniFaults().isBlank()) {
            server.configureFaults("reveni", sb.reveniFaults());
        }
        LogBanner.warn(log, """

                ==================================================================================
                 SANDBOX MODE (BRIDGE_MODE=sandbox): the bridge talks to its own built-in
                 simulation of Reveni and Sitoo at {}
                 (state: GET {}/sitoo/stock, {}/sitoo/warehousetransactions).
                 Nothing here touches a real store. The ledger is {}
                 For real accounts set BRIDGE_MODE=live (the default) and all of:
                 REVENI_BASE_URL, REVENI_API_KEY, REVENI_STORE_ID,
                 SITOO_BASE_URL (…/v2/accounts/{accountid}), SITOO_API_ID, SITOO_API_PASSWORD
                 and optionally SITOO_SITE_ID (default 1).
                ==================================================================================""",
                server.adminUrl().replace("/sandbox", ""), server.adminUrl(), server.adminUrl(),
                BridgeModeCheck.SANDBOX_DEFAULT_URL.equals(env.getProperty("spring.datasource.url"))
                        ? "in memory, fresh for this run like the sandbox's world."
                        : "the database SPRING_DATASOURCE_URL names (not the live default).");
        return new SandboxHolder(server);
    }

    @Bean
    ReveniConnection reveniConnection(BridgeMode mode, ConnectionProperties props, ObjectProvider<SandboxHolder> sandbox) {
        if (mode == BridgeMode.SANDBOX) {
            SandboxServer server = sandbox.getObject().server();
            SandboxSettings s = server.settings();
            return new ReveniConnection(server.reveniBaseUrl(), s.reveniApiKey(), s.reveniStoreId());
        }
        ReveniConnection connection = VendorConnections.reveni(props);
        log.info("Connected to Reveni: {}", connection);
        return connection;
    }

    @Bean
    SitooConnection sitooConnection(BridgeMode mode, ConnectionProperties props, ObjectProvider<SandboxHolder> sandbox) {
        if (mode == BridgeMode.SANDBOX) {
            SandboxServer server = sandbox.getObject().server();
            SandboxSettings s = server.settings();
            return new SitooConnection(server.sitooBaseUrl(), s.sitooApiId(), s.sitooApiPassword(), s.sitooSiteId());
        }
        SitooConnection connection = VendorConnections.sitoo(props);
        log.info("Connected to Sitoo: {}", connection);
        return connection;
    }

    /** Wraps the optional sandbox so that a null server is a valid bean in live mode. */
    public record SandboxHolder(SandboxServer server) implements AutoCloseable {
        @Override
        public void close() {
            if (server != null) {
                server.close();
            }
        }
    }
}
