package org.returnsbridge.sitoo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Immediate mode's stock-ins, sent as a group commit: callers that want a stock-in posted at the same
 * moment share one request. One sender thread takes everything waiting and posts it as one array of
 * transactions (one per line, each with its own externalid; Sitoo answers per element); while that
 * request waits for Sitoo, the next callers gather for the following one.
 *
 * <p>The sender takes its rate-limit turn first and gathers the request only then: while it waits for the turn,
 * the callers stay in line, and all of them go in that turn's request. Gathering first and then waiting would
 * spend a turn on whichever lines came first in a burst beyond the limit, and make the lines behind them wait a
 * turn more. The request carries the turn, so the gateway does not take a second one.
 *
 * <p>A request also waits until its first line is {@link #GATHER} old: the lines of one return are decided a few
 * ms apart, and sending the first at once spent a turn on it and another on the rest. Measured at 20 changes a
 * second, that split made most returns cost two turns, and bursts of them filled Sitoo's window.
 *
 * <p>Alone, a stock-in goes at once in a request of its own, exactly as before. At a peak, the number of
 * requests stays within Sitoo's rate limit while every line still goes out in the very next request,
 * so latency stays low and each line keeps its own transaction, externalid and exactly-once proof.
 *
 * <p>A caller learns its own element's fate, and only returns once that is known: a stock-in still
 * waiting after {@code queueTimeout} is taken back unsent (certainly not applied); one already in a
 * request waits for that request's answer, as a direct call would.
 */
public class StockInGroupCommit implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StockInGroupCommit.class);
    /** How old a request's first line gets before the request goes: long enough for its return's other lines. */
    static final Duration GATHER = Duration.ofMillis(10);

    private final SitooClient sitoo;
    private final SitooRateLimit rateLimit;
    private final Duration gather;
    private final Duration queueTimeout;
    private final BlockingDeque<Pending> waiting = new LinkedBlockingDeque<>();
    private final Thread sender;
    private volatile boolean running = true;

    public StockInGroupCommit(SitooClient sitoo, SitooRateLimit rateLimit, Duration queueTimeout) {
        this(sitoo, rateLimit, queueTimeout, GATHER);
    }

    /** With another gathering time: for tests, which make it long enough to be measured on a busy machine. */
    StockInGroupCommit(SitooClient sitoo, SitooRateLimit rateLimit, Duration queueTimeout, Duration gather) {
        this.sitoo = sitoo;
        this.rateLimit = rateLimit;
        this.gather = gather;
        this.queueTimeout = queueTimeout;
        this.sender = new Thread(this::sendWhileRunning, "sitoo-stock-in-sender");
        this.sender.setDaemon(true);
        this.sender.start();
    }

    /** Posts one stock-in (possibly together with others) and answers its Sitoo transaction id. */
    public long post(StockIn stockIn) {
        Pending mine = new Pending(stockIn, new CompletableFuture<>(), System.nanoTime());
        if (!running) {
            throw SitooUnavailableException.circuitOpen("the bridge is shutting down; nothing sent");
        }
        waiting.add(mine);
        try {
            try {
                return mine.answer().get(queueTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillWaiting) {
                if (waiting.remove(mine)) {
                    throw new SitooUnavailableException(SitooUnavailableException.Kind.THROTTLED, "stock-in "
                            + stockIn.externalId() + " waited " + queueTimeout.toSeconds() + " s for its turn; not sent",
                            OptionalLong.empty(), null);
                }
                return mine.answer().get(); // in a request now: its answer comes, one way or another
            }
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SitooUnavailableException("interrupted while posting stock-in " + stockIn.externalId()
                    + "; its outcome is unknown", OptionalLong.empty(), interrupted);
        }
    }

    private void sendWhileRunning() {
        while (running) {
            try {
                Pending first = waiting.poll(250, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                // Back at the head of the line while the sender waits for a turn: the callers keep their place
                // and can still be taken back unsent when their queue timeout passes.
                waiting.offerFirst(first);
                long gathering = first.queuedAt() + gather.toNanos() - System.nanoTime();
                if (gathering > 0) {
                    TimeUnit.NANOSECONDS.sleep(gathering);
                }
                SitooRateLimit.Turn turn = rateLimit.takeTurn();
                Pending head = waiting.poll();
                if (head != null) {
                    send(group(head), turn);
                } // else every caller was taken back meanwhile: the turn goes unused, which costs Sitoo nothing
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error bug) {
                log.error("Stock-in sender failed; it carries on", bug);
            }
        }
    }

    /** The first waiting stock-in and as many of the next as fit in one request. */
    private List<Pending> group(Pending first) {
        List<Pending> group = new ArrayList<>(List.of(first));
        int items = first.stockIn().items().size();
        Pending next;
        while ((next = waiting.peek()) != null && items + next.stockIn().items().size() <= SitooClient.MAX_ITEMS_PER_REQUEST) {
            if (waiting.remove(next)) {
                group.add(next);
                items += next.stockIn().items().size();
            }
        }
        return group;
    }

    private void send(List<Pending> group, SitooRateLimit.Turn turn) {
        List<SitooClient.ElementResult> results;
        try {
            results = sitoo.postStockIns(group.stream().map(Pending::stockIn).toList(), turn);
        } catch (RuntimeException failed) {
            group.forEach(p -> p.answer().completeExceptionally(failed));
            return;
        }
        for (int i = 0; i < group.size(); i++) {
            SitooClient.ElementResult result = results.get(i);
            Pending pending = group.get(i);
            if (result.transactionId() != null) {
                pending.answer().complete(result.transactionId());
            } else {
                pending.answer().completeExceptionally(new SitooRejectedException(400, "Sitoo refused to post stock-in "
                        + pending.stockIn().externalId() + ": " + result.refusal()));
            }
        }
        if (group.size() > 1) {
            log.debug("{} stock-ins shared one request", group.size());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join(5_000);
        Pending left;
        while ((left = waiting.poll()) != null) {
            left.answer().completeExceptionally(SitooUnavailableException.circuitOpen("the bridge stopped before"
                    + " stock-in " + left.stockIn().externalId() + " was sent; nothing sent"));
        }
    }

    private record Pending(StockIn stockIn, CompletableFuture<Long> answer, long queuedAt) {}
}
