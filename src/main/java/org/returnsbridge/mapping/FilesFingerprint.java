package org.returnsbridge.mapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

/**
 * A checksum of each mapping file's content. Modification times alone miss an edit that keeps the size
 * within the file system's timestamp granularity; the files are small, so reading them is cheap.
 */
record FilesFingerprint(List<String> entries) {

    static FilesFingerprint of(Path directory) {
        List<String> entries = new ArrayList<>();
        for (String name : List.of(MappingsLoader.LOCATIONS, MappingsLoader.CONDITIONS, MappingsLoader.REASONS,
                MappingsLoader.SKUS)) {
            Path file = directory.resolve(name);
            try {
                CRC32 crc = new CRC32();
                crc.update(Files.readAllBytes(file));
                entries.add(name + ":" + crc.getValue());
            } catch (IOException absent) {
                entries.add(name + ":absent");
            }
        }
        return new FilesFingerprint(List.copyOf(entries));
    }
}
