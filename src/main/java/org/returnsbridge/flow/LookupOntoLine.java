package org.returnsbridge.flow;

import java.util.function.BiConsumer;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.returnsbridge.mapping.MappedLocation;

/**
 * How an {@code enrich} of the line route puts what its lookup route found onto the line (the exchange
 * body), keeping the line's exchange. A lookup that found nothing answers null, and the line stays
 * unplaced there; a lookup that failed is not aggregated (its exception goes to the line's error policy).
 */
final class LookupOntoLine<T> implements AggregationStrategy {

    private final Class<T> type;
    private final BiConsumer<ReturnLine, T> onto;

    private LookupOntoLine(Class<T> type, BiConsumer<ReturnLine, T> onto) {
        this.type = type;
        this.onto = onto;
    }

    /** The warehouse mapped to the line's return location. */
    static AggregationStrategy location() {
        return new LookupOntoLine<>(MappedLocation.class, ReturnLine::place);
    }

    /** The SKU of the Sitoo product the line is restocked as. */
    static AggregationStrategy sitooSku() {
        return new LookupOntoLine<>(String.class, ReturnLine::resolveSku);
    }

    @Override
    public Exchange aggregate(Exchange line, Exchange lookup) {
        Object found = lookup.getMessage().getBody();
        // Tested by type, not converted: a lookup that left the line in the body found nothing.
        onto.accept(line.getMessage().getBody(ReturnLine.class), type.isInstance(found) ? type.cast(found) : null);
        return line;
    }
}
