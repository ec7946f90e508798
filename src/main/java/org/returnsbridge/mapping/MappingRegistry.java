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

    public synchronized Mappings reload() {
        Mappings loaded = MappingsLoader.load(directory);
        sitooCheck.accept(loaded);
        current.set(loaded);
        log.info("Mappings loaded from {}: {} locations, {} conditions (unknown → {}), {} reasons, {} SKU overrides",
                directory.toAbsolutePath(), loaded.locations().size(), loaded.conditions().size(),
                loaded.unknownCondition(), loaded.reasons().size(), loaded.skuOverrides().size());
        return loaded;
    }
}
