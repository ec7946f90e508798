package org.returnsbridge.claims;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;

import org.returnsbridge.support.Sql;

/**
 * Hands out claim tokens and expiries. A token is this node's id and a random part, new for every attempt:
 * two threads of one node never share a claim, and a node's own claims are known by their prefix.
 */
public final class Claims {

    private static final char SEPARATOR = '#';

    private final String nodeId;
    private final Duration ttl;
    private final Clock clock;

    public Claims(String nodeId, Duration ttl, Clock clock) {
        this.nodeId = nodeId;
        this.ttl = ttl;
        this.clock = clock;
    }

    public String nodeId() {
        return nodeId;
    }

    public Duration ttl() {
        return ttl;
    }

    /** A fresh token for one attempt. */
    public String newToken() {
        return nodeId + SEPARATOR + NodeIdentity.randomHex(8);
    }

    /** When a claim taken or renewed now stops holding. */
    public OffsetDateTime expiry() {
        return Sql.utc(clock.instant().plus(ttl));
    }

    public OffsetDateTime now() {
        return Sql.utc(clock.instant());
    }

    /** A LIKE pattern matching every token of this node (the node id holds no LIKE wildcards: see ClusterProperties). */
    public String ownTokens() {
        return nodeId.replace("_", "\\_") + SEPARATOR + "%";
    }

    /** The node a token belongs to, for messages such as "being replayed on node X". */
    public static String nodeOf(String token) {
        if (token == null) {
            return "?";
        }
        int at = token.lastIndexOf(SEPARATOR);
        return at < 0 ? token : token.substring(0, at);
    }
}
