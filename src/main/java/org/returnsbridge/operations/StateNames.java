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

    /** The state a filter names; empty for blank (all states); an unknown name is refused by the caller. */
    static Optional<TransitionState> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TransitionState.valueOf(value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new PageInputException("unknown state '" + org.returnsbridge.support.RequestDates.echo(value)
                    + "': choose one from the list");
        }
    }
}
