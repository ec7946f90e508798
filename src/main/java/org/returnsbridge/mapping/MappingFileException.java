package org.returnsbridge.mapping;

import java.nio.file.Path;

/** A mapping file that cannot be used, naming the file, the line and what was expected there. */
public class MappingFileException extends RuntimeException {

    public MappingFileException(Path file, int line, String message) {
        super(file + (line > 0 ? " line " + line : "") + ": " + message);
    }

    public MappingFileException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
    }
}
