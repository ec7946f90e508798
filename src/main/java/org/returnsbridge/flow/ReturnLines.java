package org.returnsbridge.flow;

import java.util.List;

import org.returnsbridge.reveni.ReveniReturn;

/** Splits a return into its lines. */
public final class ReturnLines {

    private ReturnLines() {}

    public static List<ReturnLine> of(ReveniReturn ret) {
        return ret.items().stream().map(item -> new ReturnLine(ret, item)).toList();
    }
}
