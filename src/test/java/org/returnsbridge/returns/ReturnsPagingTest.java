package org.returnsbridge.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.SeenLine;
import org.returnsbridge.testsupport.SandboxedBridgeTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * GET /api/returns pages by (first seen, return id): a client following each page's {@code next} reads every return
 * once, in order, even when more returns share one first-seen instant than a page holds.
 */
class ReturnsPagingTest extends SandboxedBridgeTest {

    private static final Instant BURST = Instant.parse("2026-11-02T09:00:00.000250Z");
    private static final String WINDOW = "&to=2026-11-03";

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void followingNextReadsEveryReturnOnceEvenWhenManyShareOneFirstSeen() {
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 7; r++) {
            expected.add(seenReturn("burst-" + r, BURST)); // ids in order: burst-0 .. burst-6
        }
        expected.add(seenReturn("later-0", BURST.plusSeconds(5)));
        expected.add(seenReturn("later-1", BURST.plusSeconds(5)));

        List<String> read = new ArrayList<>();
        String query = "?limit=3&from=" + BURST + WINDOW;
        int pages = 0;
        while (query != null && pages < 10) { // bounded: a cursor that did not move on would repeat forever
            JsonNode page = list(query);
            pages++;
            page.path("returns").forEach(ret -> {
                read.add(ret.path("returnId").asText());
                assertThat(ret.path("lines")).as("both lines of %s", ret.path("returnId").asText()).hasSize(2);
            });
            JsonNode next = page.path("next");
            query = next.isMissingNode() ? null : "?limit=3&from=" + next.path("from").asText()
                    + "&after=" + next.path("after").asText() + WINDOW;
        }

        assertThat(read).containsExactlyElementsOf(expected);
        assertThat(pages).as("three full pages, then an empty one without next").isEqualTo(4);
    }

    @Test
    void theCursorIsTheLastReturnReadEvenWhenTheStateFilterDroppedIt() {
        for (int r = 0; r < 4; r++) {
            seenReturn("open-" + r, BURST);
        }

        JsonNode first = list("?state=closed&limit=2&from=" + BURST + WINDOW);
        assertThat(first.path("count").asInt()).isZero();
        assertThat(first.path("next").path("after").asText()).isEqualTo("open-1");
        assertThat(Instant.parse(first.path("next").path("from").asText())).isEqualTo(BURST);

        JsonNode second = list("?limit=2&from=" + first.path("next").path("from").asText() + "&after=open-1" + WINDOW);
        assertThat(second.path("returns").findValuesAsText("returnId")).containsExactly("open-2", "open-3");
    }

    @Test
    void afterWithoutFromIsRefused() {
        ResponseEntity<JsonNode> response = asOperator().getForEntity("/api/returns?after=open-1", JsonNode.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getBody().path("detail").asText()).contains("after needs from");
    }

    /** A return of two lines, as the flow records them: the first at {@code firstSeen}, the second a second later. */
    private String seenReturn(String returnId, Instant firstSeen) {
        new LedgerRepository(jdbc, Clock.fixed(firstSeen, ZoneOffset.UTC)).see(line(returnId + "-a", returnId));
        new LedgerRepository(jdbc, Clock.fixed(firstSeen.plusSeconds(1), ZoneOffset.UTC)).see(line(returnId + "-b", returnId));
        return returnId;
    }

    private static SeenLine line(String itemId, String returnId) {
        return new SeenLine(itemId, returnId, "received", "pending", "10038-1", 1, null, null, null);
    }

    /** The answer to GET /api/returns{query} (TestRestTemplate encodes the query: ids and instants go as they are). */
    private JsonNode list(String query) {
        ResponseEntity<JsonNode> response = asOperator().getForEntity("/api/returns" + query, JsonNode.class);
        assertThat(response.getStatusCode().value()).as(query).isEqualTo(200);
        return response.getBody();
    }
}
