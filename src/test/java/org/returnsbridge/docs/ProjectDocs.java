package org.returnsbridge.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The project's documentation as a reader finds it: the README, then every page under docs/. */
public final class ProjectDocs {

    public static final Path README = Path.of("README.md");
    public static final Path DOCS = Path.of("docs");

    private ProjectDocs() {}

    /** README.md and docs/*.md, in a stable order. */
    public static List<Path> files() {
        List<Path> files = new ArrayList<>();
        files.add(README);
        try (Stream<Path> pages = Files.list(DOCS)) {
            pages.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Every documentation file's text, one after the other. */
    public static String allText() {
        StringBuilder text = new StringBuilder();
        for (Path file : files()) {
            text.append(read(file)).append('\n');
        }
        return text.toString();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
