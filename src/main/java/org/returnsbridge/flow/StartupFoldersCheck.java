package org.returnsbridge.flow;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

import org.returnsbridge.BridgeApplication;
import org.returnsbridge.mapping.MappingsLoader;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses a deployment whose mapping folder or route folder does not exist, or whose reports folder cannot be
 * written, before anything starts, naming the variable and the absolute path it resolved to (relative paths
 * depend on the working directory), and mapping files that do not parse, naming the file and line.
 * Registered in META-INF/spring.factories. What needs the running bridge is checked later (mappings against
 * Sitoo, routes by {@link BridgeStartup}).
 */
public class StartupFoldersCheck implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        if (!event.getSpringApplication().getAllSources().contains(BridgeApplication.class)) {
            return; // another application in the same JVM (a test of logging alone): not the bridge's business
        }
        ConfigurableEnvironment env = event.getEnvironment();
        String mappings = env.getProperty("bridge.mappings.dir", "");
        if (!mappings.isBlank() && !isDirectory(mappings)) {
            throw new IllegalStateException("BRIDGE_MAPPINGS_DIR: the mapping folder " + absolute(mappings)
                    + " does not exist; set BRIDGE_MAPPINGS_DIR to the folder holding locations.yaml and conditions.yaml");
        }
        if (!mappings.isBlank()) {
            // The files' form (YAML, keys, values) needs nothing but the files: a bad edit is refused in seconds,
            // naming file and line, instead of after the database, Camel and the sandbox have started. Whether the
            // warehouses exist in Sitoo is checked later, once Sitoo can be asked.
            MappingsLoader.load(Path.of(mappings));
        }
        String reports = env.getProperty("bridge.reconciliation.reports-dir", "");
        if (!reports.isBlank()) {
            checkWritable(reports);
        }
        String routes = env.getProperty("camel.main.routes-include-pattern", "");
        for (String pattern : routes.split(",")) {
            String p = pattern.trim();
            if (p.startsWith("file:")) {
                String folder = folderOf(p.substring("file:".length()));
                if (!isDirectory(folder)) {
                    throw new IllegalStateException("BRIDGE_ROUTES '" + p + "': the folder " + absolute(folder)
                            + " does not exist; point BRIDGE_ROUTES at a folder of *.yaml routes, or unset it to use"
                            + " the routes packaged in the jar");
                }
            }
        }
    }

    /**
     * The reconciliation writes its CSV there (daily and on demand): a folder it cannot create or write is
     * refused now, not found out as a 500 at the first run.
     */
    private static void checkWritable(String folder) {
        String problem;
        try {
            Path path = Path.of(folder);
            Files.createDirectories(path);
            problem = Files.isWritable(path) ? null : "is not writable by this user";
        } catch (java.io.IOException | InvalidPathException | SecurityException e) {
            problem = "cannot be created (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        }
        if (problem != null) {
            throw new IllegalStateException("BRIDGE_REPORTS_DIR: the reports folder " + absolute(folder) + " " + problem
                    + "; point BRIDGE_REPORTS_DIR at a writable folder (the image declares the volume /app/reports)");
        }
    }

    /** The folder part of a pattern such as {@code /app/routes/*.yaml} (no wildcard: the pattern's parent). */
    private static String folderOf(String pattern) {
        int wildcard = pattern.indexOf('*');
        String head = wildcard < 0 ? pattern : pattern.substring(0, wildcard);
        int slash = head.lastIndexOf('/');
        return slash < 0 ? "." : slash == 0 ? "/" : head.substring(0, slash);
    }

    private static boolean isDirectory(String path) {
        try {
            return Files.isDirectory(Path.of(path));
        } catch (InvalidPathException e) {
            return false;
        }
    }

    private static String absolute(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize().toString();
        } catch (InvalidPathException e) {
            return "'" + path + "'";
        }
    }

    @Override
    public int getOrder() {
        return LoggingApplicationListener.DEFAULT_ORDER + 2;
    }
}
