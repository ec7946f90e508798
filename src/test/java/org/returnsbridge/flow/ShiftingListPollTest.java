package org.returnsbridge.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.returnsbridge.testsupport.ReturnJson;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/**
 * Reveni's list is ordered by updated_at, so a return updated while a poll pages through it moves to the end
 * and every return after its old place moves one place back. Read by page number alone, the return that then
 * sits at a page edge is never read (a three-node chaos test lost 19 of 2,000 so). The poll pages by keyset
 * instead: each page asks for what was updated at or after the last return read.
 */
class ShiftingListPollTest extends SandboxedBridgeTest {

    private static final String SCARF = "10038-1";
    private static final int RETURNS = 30;
    /** Long enough to update a return while a page is on its way, short enough for a quick test. */
    private static final long PAGE_LATENCY_MILLIS = 150;
    /** The list requests (pages) at which an already read return is updated, moving it to the end. */
    private static final int[] UPDATE_AT_PAGE = {3, 5, 7, 9, 11, 13};

    @AfterEach
    void reveniBackToNormal() {
        sandbox.reveniFaults("{}");
    }

    @Test
    void returnsUpdatedWhileThePollPagesNeverHideTheReturnsAfterThem() {
        Instant first = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<ReturnJson> returns = new ArrayList<>();
        List<String> items = new ArrayList<>();
        for (int i = 0; i < RETURNS; i++) {
            String item = newId();
            ReturnJson ret = aReturn().sellable(item, SCARF, 1);
            ret.json().put("updated_at", first.plusSeconds(i).toString()); // one a second, in this order
            sandbox.putReturnKeepingTimestamps(ret.json());
            returns.add(ret);
            items.add(item);
        }
        sandbox.reveniFaults("{\"latencyMillis\":" + PAGE_LATENCY_MILLIS + "}");
        int listCallsBefore = sandbox.calls("reveni GET returns");

        CompletableFuture<Void> polling = CompletableFuture.runAsync(this::poll);
        for (int u = 0; u < UPDATE_AT_PAGE.length; u++) {
            int page = UPDATE_AT_PAGE[u];
            // The page request has arrived and is held by the latency: every return before it was read, so
            // updating one of the first returns shifts the rest of the list under the poll.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> sandbox.calls("reveni GET returns") - listCallsBefore >= page);
            assertThat(polling).as("the poll is still paging").isNotDone();
            sandbox.putReturn(returns.get(u).json()); // stamped now: it moves to the end of the list
        }
        polling.orTimeout(2, TimeUnit.MINUTES).join();

        List<String> unread = items.stream().filter(item -> ledger.find(item).isEmpty()).toList();
        assertThat(unread).as("lines of returns the poll never read").isEmpty();
    }

    @Test
    void moreReturnsInOneSecondThanAPageHoldsAreAllRead() {
        Instant second = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            // Seven in one second (pages hold two), then three a second apart.
            items.add(putAt(second.plusSeconds(Math.max(0, i - 6))));
        }

        poll();

        List<String> unread = items.stream().filter(item -> ledger.find(item).isEmpty()).toList();
        assertThat(unread).as("lines of returns the poll never read").isEmpty();
        assertThat(sandbox.warehouseTransactions()).as("each read once").hasSize(items.size());
    }

    @Test
    void returnsWithUnreadableDatesNeitherStopTheCursorNorHideTheReturnsAfterThem() {
        Instant first = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<String> items = new ArrayList<>();
        items.add(putAt(first));
        items.add(putAt(first.plusSeconds(1)));
        // Listed right after the second return (by Reveni's own date), but what they say of it cannot be read:
        // a whole page of them gives the cursor nothing to move by.
        List<String> unreadable = List.of(newId(), newId());
        for (String id : unreadable) {
            ReturnJson bad = aReturn().sellable(newId(), SCARF, 1);
            bad.json().put("id", id).put("updated_at", "the day before yesterday");
            sandbox.putRawResult(first.plusSeconds(1).toString(), bad.json().toString());
        }
        for (int i = 2; i < 6; i++) {
            items.add(putAt(first.plusSeconds(i)));
        }

        poll();

        List<String> unread = items.stream().filter(item -> ledger.find(item).isEmpty()).toList();
        assertThat(unread).as("lines of returns the poll never read").isEmpty();
        for (String id : unreadable) {
            assertThat(exceptionsFor("return:" + id)).singleElement()
                    .satisfies(record -> assertThat(record.reason()).contains("unreadable updated_at"));
        }
    }

    /** A return with one sellable line, stored with {@code updatedAt}; answers the line's item id. */
    private String putAt(Instant updatedAt) {
        String item = newId();
        ReturnJson ret = aReturn().sellable(item, SCARF, 1);
        ret.json().put("updated_at", updatedAt.toString());
        sandbox.putReturnKeepingTimestamps(ret.json());
        return item;
    }
}
