package org.returnsbridge.connections;

import org.returnsbridge.reveni.ReveniClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * In sandbox mode the bridge registers its own /webhooks/reveni with the embedded sandbox, so the demo
 * shows returns restocked the moment they change, not only at the next poll. Off with
 * BRIDGE_SANDBOX_WEBHOOKS=false (the tests drive webhooks themselves).
 */
@Component
public class SandboxWebhooks {

    private static final Logger log = LoggerFactory.getLogger(SandboxWebhooks.class);

    private final BridgeMode mode;
    private final ConnectionProperties props;
    private final ReveniClient reveni;
    private volatile int port;

    public SandboxWebhooks(BridgeMode mode, ConnectionProperties props, ReveniClient reveni) {
        this.mode = mode;
        this.props = props;
        this.reveni = reveni;
    }

    @EventListener
    public void onWebServer(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getParent() == null) { // not the management context
            port = event.getWebServer().getPort();
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    public void register() {
        boolean wanted = props.sandbox().webhooks() == null || props.sandbox().webhooks();
        if (mode != BridgeMode.SANDBOX || !wanted || port <= 0) {
            return;
        }
        String url = "http://127.0.0.1:" + port + "/webhooks/reveni";
        reveni.registerWebhook(url);
        log.info("Sandbox mode: the sandbox sends signed webhooks to {}", url);
    }
}
