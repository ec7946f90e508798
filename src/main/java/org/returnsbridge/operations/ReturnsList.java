package org.returnsbridge.operations;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.returnsbridge.ledger.LedgerLine;
import org.returnsbridge.ledger.TransitionState;
import org.returnsbridge.returns.ReturnOverview;
import org.returnsbridge.sales.SalesRecord;

/**
 * The returns view: the latest returns (a bounded set the ledger chose), each in its transition state with its
 * age, how many of the set are in each state, and the rows the state filter keeps. States are judged by
 * {@link ReturnOverview}, exactly as the JSON API and the metrics judge them.
 */
public record ReturnsList(List<Row> rows, List<StateCount> stateCounts, String selectedState, String query, int considered,
                   int limit) {

    public record Row(String returnId, String state, String stateWords, long ageSeconds, String age, Instant firstSeen,
               long ageInStateSeconds, String ageInState, int lines) {}

    public record StateCount(String state, String words, long count) {}

    /** Whether the ledger had more returns than the page reads at once. */
    public boolean truncated() {
        return considered >= limit;
    }

    static ReturnsList of(List<LedgerLine> lines, List<SalesRecord> sales, Optional<TransitionState> wanted,
                          String query, int limit, Instant now) {
        List<ReturnOverview> overviews = ReturnOverview.ofEach(lines, sales, now);
        Map<TransitionState, Long> counts = new LinkedHashMap<>();
        for (TransitionState state : TransitionState.values()) {
            counts.put(state, 0L);
        }
        List<Row> rows = new ArrayList<>();
        for (ReturnOverview overview : overviews) {
            counts.merge(overview.state(), 1L, Long::sum);
            if (wanted.isEmpty() || wanted.get() == overview.state()) {
                rows.add(new Row(overview.returnId(), StateNames.key(overview.state()), StateNames.words(overview.state()),
                        overview.ageSeconds(), HumanDuration.of(overview.ageSeconds()), overview.firstSeen(),
                        overview.ageInStateSeconds(), HumanDuration.of(overview.ageInStateSeconds()), overview.lines().size()));
            }
        }
        List<StateCount> stateCounts = counts.entrySet().stream()
                .map(e -> new StateCount(StateNames.key(e.getKey()), StateNames.words(e.getKey()), e.getValue())).toList();
        return new ReturnsList(rows, stateCounts, wanted.map(StateNames::key).orElse(""), query == null ? "" : query,
                overviews.size(), limit);
    }
}
