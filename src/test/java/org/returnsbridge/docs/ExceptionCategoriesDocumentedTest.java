package org.returnsbridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.returnsbridge.exceptions.ExceptionQueueManagement;
import org.returnsbridge.failure.ExceptionCategory;
import org.springframework.jmx.export.annotation.ManagedOperationParameter;

/**
 * Every exception category an operator can meet is named where an operator looks for it: the operations page
 * and the description Hawtio shows for replayCategory. A category added to the enum fails this until both
 * name it.
 */
class ExceptionCategoriesDocumentedTest {

    private static final String[] CATEGORIES = Arrays.stream(ExceptionCategory.values()).map(Enum::name)
            .toArray(String[]::new);

    @Test
    void theOperationsPageNamesEveryCategory() {
        String operations = ProjectDocs.read(Path.of("docs/operations.md"));

        assertThat(Arrays.stream(CATEGORIES).filter(category -> !operations.contains("`" + category + "`")))
                .as("categories docs/operations.md does not name").isEmpty();
    }

    @Test
    void theReplayCategoryOperationListsEveryCategory() throws NoSuchMethodException {
        ManagedOperationParameter parameter = ExceptionQueueManagement.class
                .getMethod("replayCategory", String.class).getAnnotation(ManagedOperationParameter.class);

        assertThat(Arrays.stream(CATEGORIES).filter(category -> !parameter.description().contains(category)))
                .as("categories replayCategory's description does not name").isEmpty();
    }
}
