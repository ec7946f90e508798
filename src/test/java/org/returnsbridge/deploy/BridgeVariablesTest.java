package org.returnsbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The list the deployment files are checked against is itself right: derived from the bridge, not stale. */
class BridgeVariablesTest {

    @Test
    void theKnownVariablesComeFromApplicationYmlTheReadmeAndTheImage() {
        assertThat(BridgeVariables.fromApplicationYml()).contains("BRIDGE_MODE", "REVENI_API_KEY", "SPRING_DATASOURCE_URL")
                .doesNotContain("JAVA_OPTS");
        assertThat(BridgeVariables.documentedRelaxedBinding()).contains("SERVER_FORWARD_HEADERS_STRATEGY");
        assertThat(BridgeVariables.readByTheImage()).containsExactlyInAnyOrder("JAVA_OPTS", "SERVER_PORT");
    }

    @Test
    void liveModeRequiresTheVendorAndOperatorAccounts() {
        assertThat(BridgeVariables.requiredInLiveMode()).containsExactlyInAnyOrder(
                "REVENI_BASE_URL", "REVENI_API_KEY", "REVENI_STORE_ID", "SITOO_BASE_URL", "SITOO_API_ID",
                "SITOO_API_PASSWORD", "BRIDGE_ADMIN_USERNAME", "BRIDGE_ADMIN_PASSWORD");
    }
}
