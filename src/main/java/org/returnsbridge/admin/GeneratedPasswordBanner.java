package org.returnsbridge.admin;

import org.returnsbridge.support.LogBanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * In sandbox mode without a configured account, prints the generated password once, when the bridge is
 * ready (so it is among the last start-up lines, not buried above them). Nowhere else is it written.
 */
final class GeneratedPasswordBanner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(GeneratedPasswordBanner.class);

    private final AdminCredentials credentials;

    GeneratedPasswordBanner(AdminCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (!credentials.generated()) {
            return;
        }
        String port = event.getApplicationContext().getEnvironment().getProperty("local.server.port", "8080");
        LogBanner.warn(log, """

                ==================================================================================
                 SANDBOX MODE: no operator account is configured, so one was made up for this run:

                     username: {}
                     password: {}

                 It guards the REST API (/api/...), Hawtio (http://localhost:{}/actuator/hawtio/),
                 Jolokia and the actuator (all but /actuator/health). It changes on every start and
                 is shown only here. To choose your own, set BRIDGE_ADMIN_USERNAME and
                 BRIDGE_ADMIN_PASSWORD (live mode requires both).
                ==================================================================================""",
                credentials.username(), credentials.password(), port);
    }
}
