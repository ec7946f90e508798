package org.returnsbridge.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.returnsbridge.support.Sql;
import org.returnsbridge.testsupport.TestDatabase;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * ledger_return holds each return's first-seen instant, MIN(created_at) of its lines, so the return lists page by an
 * index instead of grouping return_line: written with a return's first line, kept at the minimum whatever order
 * racing lines land in, backfilled by V15 for the returns already in the ledger, and paged with a keyset cursor.
 */
class LedgerReturnFirstSeenTest {

    private static final Instant T0 = Instant.parse("2026-11-30T08:00:00.123456Z");

    private final JdbcTemplate jdbc = migrated();

    @Test
    void theFirstLineWritesTheReturnsRowAndLaterLinesLeaveIt() {
        ledgerAt(T0).see(line("i-1", "r-1"));
        assertThat(firstSeen()).containsExactlyEntriesOf(Map.of("r-1", T0));

        ledgerAt(T0.plusSeconds(60)).see(line("i-2", "r-1"));
        ledgerAt(T0.plusSeconds(90)).see(line("i-1", "r-1")); // seen again: an update, no new line
        assertThat(firstSeen()).containsExactlyEntriesOf(Map.of("r-1", T0));
        assertThat(firstSeen()).isEqualTo(minCreatedAtByReturn());
    }

    @Test
    void aLineThatReadTheClockEarlierButLandedLaterLowersFirstSeen() {
        ledgerAt(T0.plusMillis(5)).see(line("i-1", "r-1"));
        ledgerAt(T0).see(line("i-2", "r-1"));

        assertThat(firstSeen()).containsExactlyEntriesOf(Map.of("r-1", T0));
        assertThat(firstSeen()).isEqualTo(minCreatedAtByReturn());
    }

    @Test
    void aLineIsNeverInTheLedgerWithoutItsReturnsRow() {
        jdbc.execute("ALTER TABLE ledger_return RENAME TO ledger_return_away"); // the row's write fails, whatever dies

        assertThatThrownBy(() -> ledgerAt(T0).see(line("i-1", "r-1"))).isInstanceOf(DataAccessException.class);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM return_line", Integer.class))
                .as("the line rolled back with its return's row").isZero();
    }

    @Test
    void anItemIdTakenByAnotherReturnGivesTheOtherReturnNoRow() {
        ledgerAt(T0).see(line("i-1", "r-1"));
        LedgerRepository.Sighting sighting = ledgerAt(T0.plusSeconds(1)).see(line("i-1", "r-2"));

        assertThat(sighting.owner()).isEqualTo("r-1");
        assertThat(firstSeen()).containsOnlyKeys("r-1");
    }

    @Test
    void firstLinesOfOneReturnRacingFromTwoWorkersLeaveOneRowAndNoError() throws Exception {
        int returns = 40;
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < returns; r++) {
                String returnId = "race-" + r;
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<LedgerRepository.Sighting>> sightings = new ArrayList<>();
                for (int worker = 0; worker < 2; worker++) {
                    LedgerRepository ledger = ledgerAt(T0.plusMillis(worker)); // two clocks: either may land first
                    SeenLine seen = line(returnId + "-item-" + worker, returnId);
                    sightings.add(workers.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return ledger.see(seen);
                    }));
                }
                for (Future<LedgerRepository.Sighting> sighting : sightings) {
                    assertThat(sighting.get(30, TimeUnit.SECONDS).inserted()).isTrue();
                }
            }
        } finally {
            workers.shutdownNow();
        }

        Map<String, Instant> rows = firstSeen();
        assertThat(rows).hasSize(returns).allSatisfy((id, at) -> assertThat(at).as(id).isEqualTo(T0));
        assertThat(rows).isEqualTo(minCreatedAtByReturn());
    }

    @Test
    void oneLineSeenByTwoWorkersAtOnceIsInsertedOnceWithItsReturnsRow() throws Exception {
        int returns = 40;
        ExecutorService workers = Executors.newFixedThreadPool(2);
        try {
            for (int r = 0; r < returns; r++) {
                SeenLine seen = line("same-item-" + r, "same-" + r);
                CyclicBarrier together = new CyclicBarrier(2);
                List<Future<LedgerRepository.Sighting>> sightings = new ArrayList<>();
                for (int worker = 0; worker < 2; worker++) {
                    LedgerRepository ledger = ledgerAt(T0.plusMillis(worker));
                    sightings.add(workers.submit(() -> {
                        together.await(10, TimeUnit.SECONDS);
                        return ledger.see(seen);
                    }));
                }
                List<Boolean> inserted = new ArrayList<>();
                for (Future<LedgerRepository.Sighting> sighting : sightings) {
                    LedgerRepository.Sighting done = sighting.get(30, TimeUnit.SECONDS);
                    assertThat(done.owner()).isEqualTo(seen.returnId());
                    inserted.add(done.inserted());
                }
                assertThat(inserted).as("one worker inserted the line, the other updated it").containsOnlyOnce(true);
            }
        } finally {
            workers.shutdownNow();
        }

        assertThat(firstSeen()).hasSize(returns).isEqualTo(minCreatedAtByReturn());
    }

    @Test
    void pagesPickedByTheIndexAreThoseTheGroupingPicked() {
        // Returns of one, two and three lines, several sharing one first-seen instant, one with its lines apart.
        for (int r = 0; r < 30; r++) {
            Instant at = T0.plusSeconds(r / 4);
            for (int line = 0; line <= r % 3; line++) {
                ledgerAt(at.plusSeconds(line * 7L)).see(line("g-" + r + "-" + line, "g-" + (29 - r)));
            }
        }
        LedgerRepository ledger = ledgerAt(T0);
        Instant to = T0.plusSeconds(60);

        for (int limit : new int[] {1, 5, 12, 100}) {
            assertThat(items(ledger.findByFirstSeen(T0.plusSeconds(1), to, limit)))
                    .as("oldest first, limit %d", limit).isEqualTo(groupedOldestFirst(T0.plusSeconds(1), to, limit))
                    .hasSizeGreaterThanOrEqualTo(Math.min(limit, 30));
            assertThat(items(ledger.findLatestReturns(T0, null, limit)))
                    .as("newest first, limit %d", limit).isEqualTo(groupedNewestFirst(T0, limit))
                    .hasSizeGreaterThanOrEqualTo(Math.min(limit, 30));
        }
        assertThat(ids(ledger.findLatestReturns(T0, "g-1", 100)))
                .containsOnly("g-1", "g-10", "g-11", "g-12", "g-13", "g-14", "g-15", "g-16", "g-17", "g-18", "g-19");
        assertThat(ledger.findLatestReturns(T0, "g-1%", 100)).as("a percent sign is no wildcard").isEmpty();
        assertThat(ledger.findLatestReturns(T0, "g_1", 100)).as("an underscore is no wildcard").isEmpty();
    }

    @Test
    void theCursorPagesThroughReturnsSharingOneFirstSeenWithNoSkipAndNoRepeat() {
        List<String> expected = new ArrayList<>();
        for (int r = 0; r < 11; r++) {
            String returnId = String.format("same-%02d", r);
            ledgerAt(T0).see(line(returnId + "-a", returnId));
            ledgerAt(T0.plusSeconds(1)).see(line(returnId + "-b", returnId));
            expected.add(returnId);
        }
        LedgerRepository ledger = ledgerAt(T0);

        List<String> paged = new ArrayList<>();
        Instant from = T0.minusSeconds(1);
        String after = null;
        for (int pages = 0; pages < 10; pages++) { // bounded: a cursor that did not move on would repeat forever
            List<LedgerLine> page = ledger.findByFirstSeen(from, after, T0.plusSeconds(60), 4);
            List<String> ids = ids(page);
            paged.addAll(ids);
            if (ids.size() < 4) {
                break;
            }
            String last = page.get(page.size() - 1).returnId();
            assertThat(page).as("a page holds whole returns").filteredOn(l -> l.returnId().equals(last)).hasSize(2);
            from = T0; // every return here was first seen at T0
            after = last;
        }
        assertThat(paged).containsExactlyElementsOf(expected);
    }

    @Test
    void theMigrationBackfillsEveryReturnAlreadyInTheLedger() {
        DataSource dataSource = TestDatabase.dataSource("first-seen-backfill-" + System.nanoTime());
        TestDatabase.flyway(dataSource).target("14").load().migrate();
        JdbcTemplate old = new JdbcTemplate(dataSource);
        LedgerRepository ledger = new LedgerRepository(old, Clock.fixed(T0, ZoneOffset.UTC));
        String insert = "INSERT INTO return_line (item_id, return_id, state, created_at, updated_at)"
                + " VALUES (?, ?, 'RECEIVED', ?, ?)";
        old.update(insert, "b-1", "r-a", Sql.utc(T0.plusSeconds(30)), Sql.utc(T0));
        old.update(insert, "b-2", "r-a", Sql.utc(T0), Sql.utc(T0));
        old.update(insert, "b-3", "r-a", Sql.utc(T0.plusSeconds(60)), Sql.utc(T0));
        old.update(insert, "b-4", "r-b", Sql.utc(T0.plusSeconds(5)), Sql.utc(T0));

        TestDatabase.flyway(dataSource).load().migrate();

        Map<String, Instant> rows = firstSeen(old);
        assertThat(rows).containsExactlyEntriesOf(new TreeMap<>(Map.of("r-a", T0, "r-b", T0.plusSeconds(5))));
        assertThat(ids(ledger.findByFirstSeen(T0, T0.plusSeconds(1), 10))).as("listed by the new table")
                .containsExactly("r-a");
    }

    private LedgerRepository ledgerAt(Instant now) {
        return new LedgerRepository(jdbc, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static SeenLine line(String itemId, String returnId) {
        return new SeenLine(itemId, returnId, "received", "pending", "10038-1", 1, "loc-1", null, null);
    }

    private Map<String, Instant> firstSeen() {
        return firstSeen(jdbc);
    }

    private static Map<String, Instant> firstSeen(JdbcTemplate jdbc) {
        Map<String, Instant> rows = new TreeMap<>();
        jdbc.query("SELECT return_id, first_seen FROM ledger_return", rs -> {
            rows.put(rs.getString("return_id"), Sql.instant(rs, "first_seen"));
        });
        return rows;
    }

    private Map<String, Instant> minCreatedAtByReturn() {
        Map<String, Instant> rows = new TreeMap<>();
        jdbc.query("SELECT return_id, MIN(created_at) AS first_seen FROM return_line GROUP BY return_id", rs -> {
            rows.put(rs.getString("return_id"), Sql.instant(rs, "first_seen"));
        });
        return rows;
    }

    /** The queries the lists ran before ledger_return (the whole of return_line grouped by return): item ids. */
    private List<String> groupedOldestFirst(Instant from, Instant to, int limit) {
        return jdbc.queryForList("SELECT l.item_id FROM return_line l JOIN ("
                + " SELECT return_id, MIN(created_at) AS first_seen FROM return_line GROUP BY return_id"
                + " HAVING MIN(created_at) >= ? AND MIN(created_at) < ?"
                + " ORDER BY first_seen, return_id FETCH FIRST " + limit + " ROWS ONLY) r ON r.return_id = l.return_id"
                + " ORDER BY r.first_seen, l.return_id, l.created_at, l.item_id", String.class, Sql.utc(from), Sql.utc(to));
    }

    private List<String> groupedNewestFirst(Instant from, int limit) {
        return jdbc.queryForList("SELECT l.item_id FROM return_line l JOIN ("
                + " SELECT return_id, MIN(created_at) AS first_seen FROM return_line GROUP BY return_id"
                + " HAVING MIN(created_at) >= ?"
                + " ORDER BY first_seen DESC, return_id DESC FETCH FIRST " + limit + " ROWS ONLY) r ON r.return_id = l.return_id"
                + " ORDER BY r.first_seen DESC, l.return_id DESC, l.created_at, l.item_id", String.class, Sql.utc(from));
    }

    /** The lines' item ids, in order: which lines, in which order. */
    private static List<String> items(List<LedgerLine> lines) {
        return lines.stream().map(LedgerLine::itemId).toList();
    }

    /** The returns the lines belong to, each once, in the order they come. */
    private static List<String> ids(List<LedgerLine> lines) {
        return lines.stream().map(LedgerLine::returnId).distinct().toList();
    }

    private static JdbcTemplate migrated() {
        DataSource dataSource = TestDatabase.dataSource("first-seen-" + System.nanoTime());
        TestDatabase.flyway(dataSource).load().migrate();
        return new JdbcTemplate(dataSource);
    }
}
