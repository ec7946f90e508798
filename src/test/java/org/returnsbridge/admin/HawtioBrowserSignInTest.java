package org.returnsbridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.returnsbridge.testsupport.Browser;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Hawtio's sign-in in a real browser: the operator opens http://user:password@host/actuator/hawtio/jmx, the
 * bridge's sign-in script reopens it without the credentials, and Hawtio, running from that address, reads the
 * bridge's MBeans through Jolokia (its JMX tree lists the bridge's domain, where the exception queue is).
 * {@link HawtioSignInTest} covers the HTTP side. (Camel's own MBeans are off in Camel's test contexts, so the
 * tree is the JMX one, not the Camel one.)
 */
class HawtioBrowserSignInTest extends SandboxedBridgeTest {

    @RegisterExtension
    static final Browser browser = new Browser();

    @LocalServerPort
    private int port;

    @Test
    void theOperatorSignsInWithAnAddressAndHawtioReadsTheBridgesMBeans() {
        browser.signIn(URI.create("http://127.0.0.1:" + port), OPERATOR, OPERATOR_PASSWORD, "/actuator/hawtio/jmx",
                By.xpath("//button[contains(@class,'pf-v5-c-tree-view__node-text') and normalize-space()='org.returnsbridge']"));

        assertThat(browser.documentUrl()).startsWith("http://127.0.0.1:" + port + "/actuator/hawtio/")
                .doesNotContain(OPERATOR_PASSWORD);
    }
}
