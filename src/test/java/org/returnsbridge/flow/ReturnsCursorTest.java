package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The poll's keyset cursor over Reveni's list (updated_at, then id; updated_after inclusive). */
class ReturnsCursorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant FROM = Instant.parse("2026-11-29T10:00:00Z");

    private final ReturnsCursor cursor = new ReturnsCursor(FROM);

    @Test
    void afterAPageTheNextQueryStartsAtTheLastReturnRead() {
        assertThat(ids(cursor.unread(List.of(element("a", 5), element("b", 7))))).containsExactly("a", "b");
        cursor.advance();

        assertThat(cursor.updatedAfter()).isEqualTo(FROM.plusSeconds(7));
        assertThat(cursor.page()).isEqualTo(1);
    }

    @Test
    void theLastSecondIsReadAgainButOnlyItsUnreadReturnsAreKept() {
        cursor.unread(List.of(element("a", 5), element("b", 7)));
        cursor.advance();

        // updated_after is inclusive: "b" comes again, "c" shares its second but was never read.
        assertThat(ids(cursor.unread(List.of(element("b", 7), element("c", 7))))).containsExactly("c");
    }

    @Test
    void aWholePageInTheCursorsSecondGoesOnByPageNumber() {
        cursor.unread(List.of(element("a", 5), element("b", 7)));
        cursor.advance();
        cursor.unread(List.of(element("b", 7), element("c", 7)));
        cursor.advance();

        assertThat(cursor.updatedAfter()).isEqualTo(FROM.plusSeconds(7));
        assertThat(cursor.page()).isEqualTo(2);
        assertThat(ids(cursor.unread(List.of(element("c", 7), element("d", 7))))).as("c shifted back a place")
                .containsExactly("d");
        cursor.advance();
        assertThat(cursor.page()).isEqualTo(3);
        cursor.unread(List.of(element("e", 7), element("f", 9)));
        cursor.advance();
        assertThat(cursor.updatedAfter()).as("out of the crowded second: keyset again").isEqualTo(FROM.plusSeconds(9));
        assertThat(cursor.page()).isEqualTo(1);
    }

    @Test
    void anUnreadableUpdatedAtIsKeptAndLeavesTheCursorWhereTheLastGoodReturnPutIt() throws Exception {
        cursor.unread(List.of(element("a", 5), element("b", 7)));
        cursor.advance();
        JsonNode noDate = JSON.readTree("{\"id\":\"x\",\"updated_at\":\"yesterday\"}");
        JsonNode noId = JSON.readTree("{\"updated_at\":\"" + FROM.plusSeconds(8) + "\"}");

        assertThat(cursor.unread(List.of(element("b", 7), noDate))).containsExactly(noDate);
        cursor.advance();
        assertThat(cursor.updatedAfter()).isEqualTo(FROM.plusSeconds(7));
        assertThat(cursor.page()).isEqualTo(2);

        assertThat(cursor.unread(List.of(noId, noDate))).as("never dropped: cannot be told from unread")
                .containsExactly(noId, noDate);
        cursor.advance();
        assertThat(cursor.page()).isEqualTo(3);
    }

    @Test
    void aPageEndingInSomethingUnplacedGoesOnByPageNumberSoItIsNotServedAgain() throws Exception {
        JsonNode noDate = JSON.readTree("{\"id\":\"x\",\"updated_at\":\"\"}");
        cursor.unread(List.of(element("a", 5), noDate));
        cursor.advance();
        assertThat(cursor.updatedAfter()).isEqualTo(FROM);
        assertThat(cursor.page()).isEqualTo(2);

        cursor.unread(List.of(element("b", 7), element("c", 8)));
        cursor.advance();
        assertThat(cursor.updatedAfter()).as("a readable end moves it on by keyset again").isEqualTo(FROM.plusSeconds(8));
        assertThat(cursor.page()).isEqualTo(1);

        cursor.unread(List.of(element("c", 8), element("d", 9)));
        cursor.unplacedElement(); // a salvaged page with a return still unreadable
        cursor.advance();
        assertThat(cursor.updatedAfter()).isEqualTo(FROM.plusSeconds(8));
        assertThat(cursor.page()).isEqualTo(2);
    }

    @Test
    void aPageWithNothingReadableGoesOnByPageNumberFromTheStart() {
        cursor.unread(List.of());
        cursor.advance();

        assertThat(cursor.updatedAfter()).isEqualTo(FROM);
        assertThat(cursor.page()).isEqualTo(2);
    }

    @Test
    void aReturnUpdatedAgainIsReadAgainAtItsNewPlace() {
        cursor.unread(List.of(element("a", 5), element("b", 7)));
        cursor.advance();

        assertThat(ids(cursor.unread(List.of(element("b", 7), element("a", 8))))).containsExactly("a");
    }

    @Test
    void aCrowdedSecondIsRememberedOnlyUpToTheBoundAndReadAgainPastIt() {
        List<JsonNode> crowded = new java.util.ArrayList<>();
        for (int i = 0; i <= ReturnsCursor.MAX_REMEMBERED_IDS; i++) {
            crowded.add(element(String.format("r%06d", i), 7));
        }
        cursor.unread(crowded);
        cursor.advance();

        JsonNode remembered = crowded.get(0);
        JsonNode forgotten = crowded.get(ReturnsCursor.MAX_REMEMBERED_IDS);
        assertThat(cursor.unread(List.of(remembered, forgotten))).as("forgetting costs a re-read, never a skip")
                .containsExactly(forgotten);
    }

    private static JsonNode element(String id, int secondsAfterFrom) {
        return JSON.createObjectNode().put("id", id).put("updated_at", FROM.plusSeconds(secondsAfterFrom).toString());
    }

    private static List<String> ids(List<JsonNode> elements) {
        return elements.stream().map(e -> e.path("id").asText()).toList();
    }
}
