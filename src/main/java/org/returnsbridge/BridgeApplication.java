package org.returnsbridge;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The Reveni → Sitoo returns bridge: a Camel route container on Spring Boot. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BridgeApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BridgeApplication.class);
        // A refused start-up is reported once, by StartupRefusal: not also as Spring Boot's "APPLICATION FAILED
        // TO START" block and "Application run failed" trace. Defaults only: LOGGING_LEVEL_* still wins.
        // The context's "cancelling refresh attempt" WARN and the condition report's hint would repeat it, over
        // several lines.
        application.setDefaultProperties(Map.of(
                "logging.level.org.springframework.boot.SpringApplication", "OFF",
                "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter", "OFF",
                "logging.level.org.springframework.boot.web.servlet.context.AnnotationConfigServletWebServerApplicationContext",
                "ERROR",
                "logging.level.org.springframework.boot.autoconfigure.logging.ConditionEvaluationReportLogger", "WARN"));
        try {
            application.run(args);
        } catch (Throwable failure) {
            StartupRefusal.exit(failure);
        }
    }
}
