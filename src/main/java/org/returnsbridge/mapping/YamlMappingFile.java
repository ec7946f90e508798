package org.returnsbridge.mapping;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads an integrator-edited YAML file as a node tree rather than into objects, because only the
 * node tree still knows line numbers: every complaint names the file and the line to fix.
 */
final class YamlMappingFile {

    private final Path file;
    private final MappingNode root;

    private YamlMappingFile(Path file, MappingNode root) {
        this.file = file;
        this.root = root;
    }

    static YamlMappingFile read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new MappingFileException(file, 0, "file not found");
        }
        LoaderOptions options = new LoaderOptions();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Node node = new Yaml(options).compose(reader);
            if (node == null) {
                throw new MappingFileException(file, 0, "file is empty, expected a YAML mapping");
            }
            if (!(node instanceof MappingNode mapping)) {
                throw new MappingFileException(file, line(node), "expected a YAML mapping at the top level");
            }
            return new YamlMappingFile(file, mapping);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new MappingFileException(file, line, "not valid YAML: " + e.getProblem());
        } catch (IOException e) {
            throw new MappingFileException(file, "cannot be read", e);
        }
    }

    Path file() {
        return file;
    }

    /** The top-level section {@code key}, which must be a mapping; an absent optional section is empty. */
    Map<ScalarNode, Node> section(String key, boolean required) {
        Node node = topLevel(key);
        if (node == null) {
            if (required) {
                throw error(root, "missing top-level key '" + key + "'");
            }
            return Map.of();
        }
        if (node instanceof ScalarNode s && s.getValue().isEmpty()) {
            return Map.of();
        }
        return entries(node, "'" + key + "' must be a mapping of entries");
    }

    /** A top-level scalar such as {@code unknown: HOLD}, or null when absent. */
    ScalarNode topLevelScalar(String key) {
        Node node = topLevel(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode s)) {
            throw error(node, "'" + key + "' must be a single value");
        }
        return s;
    }

    Map<ScalarNode, Node> entries(Node node, String expectation) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, expectation);
        }
        Map<ScalarNode, Node> entries = new LinkedHashMap<>();
        Map<String, ScalarNode> seen = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                throw error(tuple.getKeyNode(), "keys must be plain values");
            }
            // Node composition keeps both copies of a repeated key; the later one would silently win.
            ScalarNode first = seen.putIfAbsent(key.getValue().trim(), key);
            if (first != null) {
                throw error(key, "duplicate key '" + key.getValue() + "' (first at line " + line(first) + ")");
            }
            entries.put(key, tuple.getValueNode());
        }
        return entries;
    }

    String scalar(Node node, String what) {
        if (!(node instanceof ScalarNode s) || s.getValue().isBlank()) {
            throw error(node, what + " must be a non-empty single value");
        }
        return s.getValue().trim();
    }

    MappingFileException error(Node node, String message) {
        return new MappingFileException(file, line(node), message);
    }

    private Node topLevel(String key) {
        for (NodeTuple tuple : root.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
