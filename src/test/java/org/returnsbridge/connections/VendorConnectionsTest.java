package org.returnsbridge.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.returnsbridge.connections.ConnectionProperties.Reveni;
import org.returnsbridge.connections.ConnectionProperties.Sitoo;

class VendorConnectionsTest {

    @Test
    void nothingConfiguredIsRefusedInLiveModeAndFineInSandboxMode() {
        ConnectionProperties nothing = props(new Reveni("", "", ""), new Sitoo("", "", "", 1));

        assertThatThrownBy(() -> VendorConnections.checkFor(BridgeMode.LIVE, nothing))
                .hasMessageContaining("REVENI_BASE_URL is not set")
                .hasMessageContaining("SITOO_API_ID is not set")
                .hasMessageContaining("or set BRIDGE_MODE=sandbox to run the demo");
        VendorConnections.checkFor(BridgeMode.SANDBOX, nothing);
    }

    @Test
    void sandboxModeNamesEveryVendorVariableThatIsSetButNeverItsValue() {
        ConnectionProperties some = props(new Reveni("https://api.reveni.io/merchants/v0", "secret-key", ""),
                new Sitoo("", "", "secret-pw", 1));

        assertThatThrownBy(() -> VendorConnections.checkFor(BridgeMode.SANDBOX, some))
                .hasMessageContaining("REVENI_BASE_URL, REVENI_API_KEY, SITOO_API_PASSWORD")
                .hasMessageContaining("set BRIDGE_MODE=live")
                .hasMessageNotContaining("secret");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"live,LIVE", "LIVE,LIVE", " Live ,LIVE", "sandbox,SANDBOX",
            "Sandbox,SANDBOX", "'',LIVE"})
    void modesAreCaseInsensitiveAndLiveByDefault(String value, BridgeMode expected) {
        assertThat(BridgeMode.parse(value)).isEqualTo(expected);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"demo", "test", "sandbox-live", "0"})
    void anyOtherModeIsRefusedNamingTheVariableAndTheValues(String value) {
        assertThatThrownBy(() -> BridgeMode.parse(value))
                .hasMessageContaining("BRIDGE_MODE '" + value + "'")
                .hasMessageContaining("BRIDGE_MODE=live").hasMessageContaining("BRIDGE_MODE=sandbox");
    }

    @Test
    void aReveniUrlWithoutTheRestNamesEveryMissingVariable() {
        ConnectionProperties props = props(new Reveni("https://api.reveni.io/merchants/v0", "", ""), new Sitoo("", "", "", 1));

        assertThatThrownBy(() -> VendorConnections.reveni(props))
                .hasMessageContaining("REVENI_API_KEY is not set")
                .hasMessageContaining("REVENI_STORE_ID is not set")
                .hasMessageContaining("SITOO_BASE_URL is not set")
                .hasMessageContaining("SITOO_API_PASSWORD is not set")
                .hasMessageNotContaining("REVENI_BASE_URL is not set");
    }

    @Test
    void malformedUrlsAndSiteAreNamed() {
        ConnectionProperties props = props(new Reveni("ftp://x", "k", "s"),
                new Sitoo("https://api.mysitoo.com/v1/whatever", "1-1", "pw", 0));

        assertThatThrownBy(() -> VendorConnections.sitoo(props))
                .hasMessageContaining("REVENI_BASE_URL must be an http(s) URL")
                .hasMessageContaining("SITOO_BASE_URL must include /v2/accounts/{accountid}")
                .hasMessageContaining("SITOO_SITE_ID must be a positive integer");
    }

    @Test
    void completeConfigurationConnectsAndNeverPrintsSecrets() {
        ConnectionProperties props = props(new Reveni("https://api.reveni.io/merchants/v0/", "secret-key", "store1"),
                new Sitoo("https://api.mysitoo.com/v2/accounts/90316", "90316-1", "secret-pw", null));

        assertThat(VendorConnections.reveni(props).returnsUrl())
                .isEqualTo("https://api.reveni.io/merchants/v0/stores/store1/returns");
        assertThat(VendorConnections.sitoo(props).siteUrl()).isEqualTo("https://api.mysitoo.com/v2/accounts/90316/sites/1");
        assertThat(VendorConnections.reveni(props).toString()).doesNotContain("secret-key");
        assertThat(VendorConnections.sitoo(props).toString()).doesNotContain("secret-pw");
    }

    private static ConnectionProperties props(Reveni reveni, Sitoo sitoo) {
        return new ConnectionProperties(reveni, sitoo, new ConnectionProperties.Sandbox(0, false, 5, null, null, false));
    }
}
