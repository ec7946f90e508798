package org.returnsbridge.flow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.support.DefaultMessage;
import org.returnsbridge.exceptions.ExceptionQueue;
import org.returnsbridge.exceptions.FailedWork;
import org.returnsbridge.failure.ExceptionCategory;
import org.returnsbridge.ledger.LedgerRepository;
import org.returnsbridge.ledger.ReturnVersions;
import org.returnsbridge.reveni.ReturnParser;
import org.returnsbridge.reveni.ReturnsPage;
import org.returnsbridge.reveni.ReveniClient;
import org.returnsbridge.reveni.ReveniReturn;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of the poll route: where to start, one page at a time (so memory stays flat however
 * long the backlog), and the checkpoint afterwards.
 */
public class ReturnsPoller {

    public static final String PROGRESS = "pollProgress";
    public static final String NEXT_PAGE = "nextPage";
    /** Whether the return's state was acted on already (see {@link #actedOn}); the return route skips it if so. */
    public static final String ACTED_ON = "stateActedOn";
    /** The return's {@link ReveniReturn#stateDigest()}, taken once a pass: asked by actedOn, kept by returnDone. */
    public static final String STATE_DIGEST = "stateDigest";
    static final String CURSOR = "pollCursor";
    static final FailedWork POLL = FailedWork.Poll.of("reveni");
    static final FailedWork UNREADABLE_PAGE = FailedWork.Poll.of("reveni-unreadable-page");
    private static final Logger log = LoggerFactory.getLogger(ReturnsPoller.class);
    /** A run of unreadable pages this long means Reveni is broken, not one page. */
    private static final int MAX_UNREADABLE_PAGES_IN_A_ROW = 3;

    private final ReveniClient reveni;
    private final ReturnParser parser;
    private final PollCheckpoint checkpoint;
    private final ExceptionQueue exceptions;
    private final Clock clock;
    private final Duration overlap;
    private final Duration initialLookback;
    private final ReturnVersions versions;
    private final LedgerRepository ledger;

    public ReturnsPoller(ReveniClient reveni, ReturnParser parser, PollCheckpoint checkpoint, ExceptionQueue exceptions,
                         Clock clock, Duration overlap, Duration initialLookback, ReturnVersions versions,
                         LedgerRepository ledger) {
        this.reveni = reveni;
        this.parser = parser;
        this.checkpoint = checkpoint;
        this.exceptions = exceptions;
        this.clock = clock;
        this.overlap = overlap;
        this.initialLookback = initialLookback;
        this.versions = versions;
        this.ledger = ledger;
    }

    /**
     * A scheduled poll arrives in Quartz's message, whose headers (the trigger, its fire times, the scheduler: sixteen)
     * are filled in from the job when first read, and its copies are Quartz's messages too, with the headers back
     * however the original was cleared ({@code removeHeaders} did not stick). The split copies the message into every
     * return's and line's exchange, and the error policy's redelivery copies the exchange before each step: each time,
     * sixteen headers again. Nothing of the poll reads them, so the poll runs on a plain message instead.
     */
    public void detachFromTrigger(Exchange exchange) {
        exchange.setIn(new DefaultMessage(exchange));
    }

    /** Starts a little before the checkpoint: updated_at has whole-second precision and writers race. */
    public void begin(Exchange exchange) {
        Instant now = clock.instant();
        Optional<Instant> saved = checkpoint.load();
        if (saved.isPresent() && saved.get().isAfter(now)) {
            // Saved from a future-dated return before checkpoints were capped: it would hide every change till then.
            log.warn("Poll checkpoint {} is in the future; pulled back to now ({})", saved.get(), now);
            checkpoint.pullBackTo(now);
            saved = Optional.of(now);
        }
        Instant from = saved.map(c -> c.minus(overlap)).orElseGet(() -> now.minus(initialLookback));
        exchange.setProperty(PROGRESS, new PollProgress(from, now));
        exchange.setProperty(CURSOR, new ReturnsCursor(from));
        exchange.setProperty(NEXT_PAGE, reveni.firstPageUrl(from));
    }

    /**
     * Reads the next page into the body as the raw results this poll has not read yet. A page that cannot
     * be read (not JSON, too large) is read again one return at a time, so only the bad return is lost to
     * this poll; it is filed as INVALID_RETURN and the checkpoint stays before it, so it is read again next
     * poll. The page after is asked for by keyset (see {@link ReturnsCursor}): the list shifts under a long
     * poll, and page numbers alone would skip the return at a page edge.
     */
    public void fetchNextPage(Exchange exchange) {
        PollProgress progress = exchange.getProperty(PROGRESS, PollProgress.class);
        ReturnsCursor cursor = exchange.getProperty(CURSOR, ReturnsCursor.class);
        ReturnsPage page = reveni.fetchPage(exchange.getProperty(NEXT_PAGE, String.class));
        List<JsonNode> results;
        if (page.readable()) {
            progress.pageRead();
            results = page.results();
        } else {
            results = salvage(page, progress);
        }
        exchange.getIn().setBody(cursor.unread(results));
        if (!page.readable() && progress.unreadablePagesInARow() > 0) {
            cursor.unplacedElement(); // a return of it stayed unreadable
        }
        boolean giveUp = progress.unreadablePagesInARow() >= MAX_UNREADABLE_PAGES_IN_A_ROW;
        if (giveUp || !page.hasNext()) {
            exchange.setProperty(NEXT_PAGE, null);
        } else {
            cursor.advance();
            exchange.setProperty(NEXT_PAGE, reveni.pageUrl(cursor.updatedAfter(), cursor.page()));
        }
    }

    private List<JsonNode> salvage(ReturnsPage unreadable, PollProgress progress) {
        List<JsonNode> salvaged = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<String> singles = reveni.singleReturnPages(unreadable.url());
        if (singles.isEmpty()) {
            problems.add(unreadable.problem() + " (" + unreadable.url() + ")");
        }
        for (String single : singles) {
            ReturnsPage one = reveni.fetchPage(single);
            if (one.readable()) {
                salvaged.addAll(one.results());
                if (one.results().isEmpty() && !one.hasNext()) {
                    break; // past the last return
                }
            } else {
                problems.add(one.problem() + " (" + single + ")");
            }
        }
        if (problems.isEmpty()) {
            progress.pageRead(); // it read fine the second time
        } else {
            progress.pageUnreadable();
            // Reveni broke the contract: filed as invalid input, not as an outage.
            exceptions.record(ExceptionCategory.INVALID_RETURN, problems.size() + " return(s) could not be read: "
                    + String.join("; ", problems), UNREADABLE_PAGE);
        }
        return salvaged;
    }

    /** One element of a page becomes a return (or an INVALID_RETURN exception through the error policy). */
    public ReveniReturn parse(JsonNode element) {
        return parser.parse(element);
    }

    /**
     * Whether this very state of the return was acted on before (see {@link #returnDone}), and nothing of the return
     * is open now. The poll's overlap re-reads every return changed in its last minutes, and Reveni may deliver an
     * event twice: acting on such a state again would only write the same outcomes again, a ledger write or more per
     * line. A state of which a line has no outcome or an exception record is open (the pass failed, or a batch's
     * stock-in was refused after it) is acted on again, as is any state whose digest is unknown. Asked here, on the
     * read again, and not at the end of the pass: a backlog's first pass then costs no read more per return.
     */
    public boolean actedOn(@Body ReveniReturn ret, @ExchangeProperty(STATE_DIGEST) String stateDigest) {
        return versions.actedOn(ret.id(), ret.updatedAt(), stateDigest) && settled(ret.id());
    }

    /**
     * After a return's lines and sales (or its state found acted on already): the poll's progress moves on, and so
     * does the return's version, with the state's digest unless a failure of the pass could not be recorded.
     */
    public void returnDone(@Body ReveniReturn ret, @ExchangeProperty(PROGRESS) PollProgress progress,
                           @ExchangeProperty(ACTED_ON) Boolean actedOn,
                           @ExchangeProperty(STATE_DIGEST) String stateDigest,
                           @ExchangeProperty(ReturnPass.PROPERTY) ReturnPass pass) {
        if (progress != null) { // a webhook event or a replay has no poll around it
            progress.returnDone(ret == null ? null : ret.updatedAt());
        }
        if (ret != null && !Boolean.TRUE.equals(actedOn)) {
            // A version far in the future (a vendor clock error) would make every real later change look stale
            // to the webhooks; within the overlap it is kept exact, so a small clock skew keeps events in order.
            Instant latest = clock.instant().plus(overlap);
            boolean capped = ret.updatedAt() != null && ret.updatedAt().isAfter(latest);
            // Whether the pass left something open is asked when the state is read again (actedOn), of the ledger as
            // it then is; only a failure not even the exception queue took leaves no trace there to ask.
            boolean keep = !capped && (pass == null || !pass.hadUnrecordedFailure());
            versions.advance(ret.id(), capped ? latest : ret.updatedAt(), keep ? stateDigest : null);
        }
    }

    /** Nothing of the return is left open: every line has an outcome, and no exception record of it is open. */
    private boolean settled(String returnId) {
        return !ledger.hasLinesWithoutOutcome(returnId) && !exceptions.hasOpenFor(returnId);
    }

    /** Saves how far the poll safely got; called after every page, so a crash loses at most a page of progress. */
    public void saveCheckpoint(@ExchangeProperty(PROGRESS) PollProgress progress) {
        if (progress.safeMark() != null) {
            checkpoint.advanceTo(progress.safeMark());
        }
    }

    /** Reveni failed us mid-poll: keep what was safely done, file it once, try again next poll. */
    public void pollFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception e,
                           @ExchangeProperty(PROGRESS) PollProgress progress) {
        ExceptionCategory category = ExceptionCategory.of(e);
        if (category == ExceptionCategory.INTERNAL_ERROR) {
            log.error("Poll failed", e);
        }
        exceptions.record(category, ExceptionCategory.reasonOf(e), POLL);
        if (progress != null) { // begun
            saveCheckpoint(progress);
        }
    }

    public void finish(@ExchangeProperty(PROGRESS) PollProgress progress) {
        saveCheckpoint(progress);
        exceptions.resolve(POLL.key());
        if (!progress.hadGap()) {
            exceptions.resolve(UNREADABLE_PAGE.key());
            checkpoint.polled(progress.startedAt());
        }
        log.info("Reveni {}", progress);
    }
}
