package org.returnsbridge.exceptions;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.returnsbridge.failure.ExceptionCategory;

/**
 * What an operator typed (a REST query parameter, a JMX argument) as a status or a category; a value
 * that is neither is refused with the choices named. Case and surrounding blanks do not matter.
 */
final class OperatorInput {

    private OperatorInput() {}

    /** Null or blank: null ("any"). */
    static ExceptionStatus status(String value) {
        return parse(ExceptionStatus.class, "status", value);
    }

    /** Null or blank: null ("any"). */
    static ExceptionCategory category(String value) {
        return parse(ExceptionCategory.class, "category", value);
    }

    static ExceptionCategory requiredCategory(String value) {
        ExceptionCategory category = category(value);
        if (category == null) {
            throw new InvalidInputException("category is required: one of " + choices(ExceptionCategory.class));
        }
        return category;
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new InvalidInputException("unknown " + what + " '" + value + "': one of " + choices(type));
        }
    }

    private static String choices(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The operator's input, not the bridge, is wrong: a 400, or a plain sentence in JMX. */
    static final class InvalidInputException extends IllegalArgumentException {
        InvalidInputException(String message) {
            super(message);
        }
    }
}
