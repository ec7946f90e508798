package org.returnsbridge.flow;

import org.returnsbridge.mapping.MappingRegistry;
import org.returnsbridge.mapping.Mappings;
import org.returnsbridge.mapping.ReturnDecision;
import org.returnsbridge.reveni.ReturnItem;
import org.returnsbridge.reveni.ReveniReturn;

/**
 * Decides RESTOCK / NO_RESTOCK / HOLD for a line. Reveni's own verdicts come first and cannot be
 * overridden by a mapping: a cancelled return or a rejected item is never restocked, and goods that
 * have not been inspected wait. Only an inspected, accepted item goes through conditions.yaml.
 */
public class LineDecider {

    private final MappingRegistry mappings;

    public LineDecider(MappingRegistry mappings) {
        this.mappings = mappings;
    }

    /** Decides the line, and gives it the Sitoo reason code its return reason maps to (reasons.yaml). */
    public void decide(ReturnLine line) {
        ReveniReturn ret = line.reveniReturn();
        ReturnItem item = line.item();
        Mappings m = mappings.current();
        line.reasonCode(m.reasonCodeFor(item.returnReason()));
        if (ret.isCancelled()) {
            line.decide(ReturnDecision.NO_RESTOCK, "return cancelled in Reveni");
        } else if (item.isRejected() || ret.isRejected()) {
            line.decide(ReturnDecision.NO_RESTOCK, "rejected at inspection"
                    + (item.rejectReason() == null ? "" : ": " + item.rejectReason()));
        } else if (ret.isInTransit()) {
            line.decide(ReturnDecision.HOLD, "goods not received yet (return " + ret.status() + ")");
        } else if (!ret.isBackForInspection()) {
            // The contract: an unknown status is "not actionable yet", never a verdict.
            line.decide(ReturnDecision.HOLD, "return status '" + ret.status() + "' is not one the bridge acts on; held");
        } else if (!item.isInspected()) {
            line.decide(ReturnDecision.HOLD, "awaiting inspection");
        } else if (!item.isAccepted()) {
            line.decide(ReturnDecision.HOLD, "inspected as '" + item.condition() + "' but item status is '"
                    + item.status() + "', awaiting Reveni's acceptance");
        } else {
            ReturnDecision decision = m.decisionFor(item.condition());
            String reason = m.isKnownCondition(item.condition())
                    ? "condition '" + item.condition() + "' maps to " + decision
                    : "condition '" + item.condition() + "' is not in conditions.yaml, so the 'unknown' rule applies: " + decision;
            line.decide(decision, reason);
        }
    }
}
