package org.returnsbridge.mapping;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mappings in force. A (re)load validates the whole directory, including against Sitoo, before
 * swapping it in; a bad edit throws and the previous mappings stay in force.
 */
public class MappingRegistry {

    private static final Logger log = LoggerFactory.getLogger(MappingRegistry.class);

    private final Path directory;
    private final Consumer<Mappings> sitooCheck;
    private final AtomicReference<Mappings> current = new AtomicReference<>();
    private FilesFingerprint lastSeen;

    public MappingRegistry(Path directory, Consumer<Mappings> sitooCheck) {
        this.directory = directory;
        this.sitooCheck = sitooCheck;
    }

    public Mappings current() {
        Mappings m = current.get();
        if (m == null) {
            throw new IllegalStateException("mappings not loaded yet");
        }
        return m;
    }

    /**
     * Loads and validates the whole directory, then swaps it in. Throws (naming file and line) when
     * anything is wrong; the mappings in force then stay in force.
     */
    public synchronized Mappings reload() {
        FilesFingerprint seen = FilesFingerprint.of(directory);
        lastSeen = seen;
        Mappings loaded = MappingsLoader.load(directory);
        sitooCheck.accept(loaded);
        current.set(loaded);
        log.info("Mappings loaded from {}: {} locations, {} conditions (unknown → {}), {} reasons, {} SKU overrides",
                directory.toAbsolutePath(), loaded.locations().size(), loaded.conditions().size(),
                loaded.unknownCondition(), loaded.reasons().size(), loaded.skuOverrides().size());
        return loaded;
    }

    /** For the file watch: reloads when a mapping file changed since the last attempt; a bad edit is logged once. */
    public synchronized void reloadIfChanged() {
        if (FilesFingerprint.of(directory).equals(lastSeen)) {
            return;
        }
        try {
            reload();
        } catch (RuntimeException refused) {
            log.error("Mapping edit refused, the previous mappings stay in force: {}", refused.getMessage());
        }
    }
}
