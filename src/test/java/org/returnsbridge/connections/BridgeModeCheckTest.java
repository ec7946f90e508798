package org.returnsbridge.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.returnsbridge.BridgeApplication;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.DefaultBootstrapContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Each mode's defaults, resolved through the real application.yml: the database and the reports folder of a
 * sandbox are never the live ones, and explicit settings win in both modes.
 */
class BridgeModeCheckTest {

    @ParameterizedTest(name = "BRIDGE_MODE={0} SPRING_DATASOURCE_URL={1} BRIDGE_REPORTS_DIR={2}")
    @CsvSource(nullValues = "-", value = {
            "-,       -,                  -,        jdbc:h2:file:./data/bridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0, ./reports",
            "live,    -,                  -,        jdbc:h2:file:./data/bridge;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0, ./reports",
            "sandbox, -,                  -,        jdbc:h2:mem:sandbox-bridge;DB_CLOSE_DELAY=-1,                   ./reports/sandbox",
            "Sandbox, jdbc:h2:mem:mine,   /r,       jdbc:h2:mem:mine,                                                /r",
            "LIVE,    jdbc:h2:file:/db/x, /reports, jdbc:h2:file:/db/x,                                              /reports",
    })
    void eachModeHasItsOwnDefaultsAndExplicitSettingsWin(String mode, String url, String reportsDir,
                                                         String expectedUrl, String expectedReports) throws IOException {
        Map<String, Object> variables = new HashMap<>();
        put(variables, "BRIDGE_MODE", mode);
        put(variables, "SPRING_DATASOURCE_URL", url);
        put(variables, "BRIDGE_REPORTS_DIR", reportsDir);
        if (!"sandbox".equalsIgnoreCase(String.valueOf(mode))) {
            variables.putAll(Map.of("REVENI_BASE_URL", "https://api.reveni.io/merchants/v0", "REVENI_API_KEY", "k",
                    "REVENI_STORE_ID", "s", "SITOO_BASE_URL", "https://api.mysitoo.com/v2/accounts/1",
                    "SITOO_API_ID", "1-1", "SITOO_API_PASSWORD", "p"));
        }
        StandardEnvironment env = environment(variables);

        new BridgeModeCheck().onApplicationEvent(event(env));

        assertThat(env.getProperty("spring.datasource.url")).isEqualTo(expectedUrl);
        assertThat(env.getProperty("bridge.reconciliation.reports-dir")).isEqualTo(expectedReports);
    }

    @ParameterizedTest
    @CsvSource({"live, REVENI_BASE_URL is not set", "sandbox-ish, BRIDGE_MODE 'sandbox-ish' is not a mode"})
    void aRefusedModeSetsNoDefaults(String mode, String message) throws IOException {
        StandardEnvironment env = environment(new HashMap<>(Map.of("BRIDGE_MODE", mode)));

        assertThatThrownBy(() -> new BridgeModeCheck().onApplicationEvent(event(env))).hasMessageContaining(message);
        assertThat(env.containsProperty(BridgeModeCheck.DEFAULT_URL_PROPERTY)).isFalse();
    }

    private static void put(Map<String, Object> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static StandardEnvironment environment(Map<String, Object> variables) throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        env.getPropertySources().addFirst(new MapPropertySource("variables", variables));
        new YamlPropertySourceLoader().load("application.yml", new ClassPathResource("application.yml"))
                .forEach(source -> env.getPropertySources().addLast(source));
        return env;
    }

    private static ApplicationEnvironmentPreparedEvent event(StandardEnvironment env) {
        return new ApplicationEnvironmentPreparedEvent(new DefaultBootstrapContext(), new SpringApplication(BridgeApplication.class), new String[0], env);
    }
}
