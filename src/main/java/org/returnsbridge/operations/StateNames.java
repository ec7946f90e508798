package org.returnsbridge.operations;

import java.util.Locale;
import java.util.Optional;

import org.returnsbridge.ledger.TransitionState;

/** Transition states as the page names them: lower case in attributes and the filter, words for people. */
final class StateNames {

    private StateNames() {}

    static String key(Enum<?> state) {
        return state == null ? "" : state.name().toLowerCase(Locale.ROOT);
    }

    static String words(Enum<?> state) {
        return key(state).replace('_', ' ');
    }

    /** The state a filter names; empty for blank (all states); an unknown name is a {@link PageInputException}. */
    static Optional<TransitionState> parse(String value) {
        return parse(TransitionState.class, "state", value);
    }

    /** Any of the page's lower-case names (a state, a status, a category); case and blanks do not matter. */
    static <E extends Enum<E>> Optional<E> parse(Class<E> type, String what, String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new PageInputException("unknown " + what + " '" + org.returnsbridge.support.RequestDates.echo(value)
                    + "': choose one from the list");
        }
    }
}
