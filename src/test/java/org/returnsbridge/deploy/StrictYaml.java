package org.returnsbridge.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads a deployment file into a typed model the way its real reader would refuse it: a field the model does
 * not know, a duplicate key, a number where text belongs (Kubernetes refuses {@code value: 30} for an
 * environment variable) all fail, naming the file and the path to the field.
 *
 * <p>SnakeYAML parses (anchors and merge keys resolved, as Compose does; duplicate keys refused), then Jackson
 * binds the result. The fabric8 Kubernetes model catches every unknown field in an "additionalProperties" map
 * (its {@code @JsonAnySetter}); that is switched off here, so an unknown field is an error instead.
 */
final class StrictYaml {

    private static final ObjectMapper MAPPER = strictMapper();

    private StrictYaml() {}

    /** The file's single YAML document, as plain maps, lists and scalars. */
    static Object tree(Path file) {
        List<Object> documents = documents(file);
        if (documents.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Path file) {
        return (Map<String, Object>) tree(file);
    }

    static <T> T read(Path file, Class<T> type) {
        return bind(file, tree(file), type);
    }

    static <T> T bind(Path file, Object tree, Class<T> type) {
        try {
            return MAPPER.convertValue(tree, type);
        } catch (IllegalArgumentException refused) {
            throw new AssertionError(file + " is not a valid " + type.getSimpleName() + ": " + refused.getMessage(), refused);
        }
    }

    private static List<Object> documents(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        try {
            List<Object> documents = new ArrayList<>();
            new Yaml(options).loadAll(Files.readString(file, StandardCharsets.UTF_8)).forEach(documents::add);
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException notYaml) {
            throw new AssertionError(file + " is not valid YAML: " + notYaml.getMessage(), notYaml);
        }
    }

    private static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .annotationIntrospector(new NoAnySetter())
                .build();
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    /** Ignores {@code @JsonAnySetter}, so a field that no property takes is unknown, not kept aside. */
    private static final class NoAnySetter extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasAnySetter(Annotated member) {
            return null;
        }
    }
}
