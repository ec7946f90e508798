package org.returnsbridge.mapping;

import java.nio.file.Path;
import java.util.List;

import org.returnsbridge.BridgeProperties;
import org.returnsbridge.sitoo.SitooClient;
import org.returnsbridge.sitoo.SitooRejectedException;
import org.returnsbridge.sitoo.SitooUnavailableException;
import org.returnsbridge.sitoo.SitooWarehouse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class MappingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MappingConfiguration.class);

    /**
     * Loaded by the start-up sequence (flow.BridgeStartup) once Camel runs, because the check against
     * Sitoo's warehouse list goes over Camel's HTTP endpoint; a bad mapping still stops start-up.
     */
    @Bean
    MappingRegistry mappingRegistry(BridgeProperties props, SitooClient sitoo) {
        return new MappingRegistry(Path.of(props.mappings().dir()),
                mappings -> WarehouseCheck.check(mappings, warehousesRetrying(sitoo)));
    }

    /**
     * A Sitoo hiccup while the bridge starts must not stop it: the warehouse list is asked for again a
     * few times (1, 2, 4, 8 s apart) before start-up gives up with the reason. A hiccup is a 5xx, a 429 or a
     * timeout. Misconfiguration is refused at once: nothing listening at SITOO_BASE_URL's host and port, a
     * host name that does not resolve, or Sitoo refusing the credentials (401/403).
     */
    static List<SitooWarehouse> warehousesRetrying(SitooClient sitoo) {
        long waitMillis = 1000;
        for (int attempt = 1; ; attempt++) {
            try {
                return sitoo.warehouses();
            } catch (SitooRejectedException e) {
                if (e.status() == 401 || e.status() == 403) {
                    throw new IllegalStateException("Sitoo refused the credentials (HTTP " + e.status()
                            + ") when asked for its warehouse list: check SITOO_API_ID, SITOO_API_PASSWORD and the account"
                            + " in SITOO_BASE_URL", e);
                }
                throw e;
            } catch (SitooUnavailableException e) {
                if (unreachable(e)) {
                    throw new IllegalStateException("Sitoo cannot be reached at SITOO_BASE_URL (" + e.getMessage()
                            + "): check SITOO_BASE_URL and the network", e);
                }
                if (attempt >= 5) {
                    throw new IllegalStateException("Sitoo's warehouse list is needed to check " + MappingsLoader.LOCATIONS
                            + " and Sitoo did not answer " + attempt + " times: " + e.getMessage(), e);
                }
                log.warn("Sitoo did not answer the warehouse list (attempt {}), asking again in {} ms: {}", attempt,
                        waitMillis, e.getMessage());
                try {
                    Thread.sleep(waitMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                waitMillis *= 2;
            }
        }
    }

    /** Connection refused or an unknown host: not a hiccup that waiting seconds would cure. */
    private static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException || t instanceof java.net.UnknownHostException
                    || t instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }
}
