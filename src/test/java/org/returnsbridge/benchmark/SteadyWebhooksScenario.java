package org.returnsbridge.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Steady state in {@code immediate} mode: the bridge registers its webhook URL with the sandbox's Reveni at
 * start-up, then return changes arrive at a steady rate, each sent by the sandbox as a signed webhook. For
 * every change that makes lines restockable, in the measured window, the latency is the time from the
 * sandbox sending that webhook to the sandbox recording the stock-in carrying the line's externalid. Both
 * instants are the sandbox's clock.
 *
 * <p>The poll stays on at the live default (every minute), as in production; a line it restocks before its
 * webhook was even sent is counted apart, not as a negative latency.
 */
final class SteadyWebhooksScenario {

    /** Rows are {@code steady-<rate>-<warm|cold>}, e.g. {@code steady-20-warm}. */
    static final String ID_PREFIX = "steady-";
    /**
     * A return's steps are a second apart at the nominal rate. Real returns take days between steps; what
     * matters here is only that a return's changes follow each other, so each webhook carries a newer state.
     */
    private static final double SECONDS_BETWEEN_STEPS = 1.0;
    private static final Duration CATCH_UP = Duration.ofSeconds(60);
    private static final int PRIMING_LINES_PER_RETURN = 10;
    private static final Duration PRIMING_LIMIT = Duration.ofMinutes(3);

    private final BenchmarkSettings settings;
    private final BenchmarkCatalogue catalogue;
    private final int rate;
    private final BenchmarkSettings.SteadyCache cache;
    private final String id;

    /** One change whose webhook should lead to stock-ins, and the externalids it should bring. */
    private record Probe(String returnId, int step, long tick, List<String> externalIds) {
    }

    SteadyWebhooksScenario(BenchmarkSettings settings, BenchmarkCatalogue catalogue, int rate,
                           BenchmarkSettings.SteadyCache cache) {
        this.settings = settings;
        this.catalogue = catalogue;
        this.rate = rate;
        this.cache = cache;
        this.id = id(rate, cache);
    }

    static String id(int rate, BenchmarkSettings.SteadyCache cache) {
        return ID_PREFIX + rate + "-" + cache.id();
    }

    /** One run per rate and cache state the settings name, each with a fresh sandbox and bridge. */
    static List<ScenarioResult> runAll(BenchmarkSettings settings, BenchmarkCatalogue catalogue) {
        List<ScenarioResult> results = new ArrayList<>();
        for (int rate : settings.steadyRates()) {
            for (BenchmarkSettings.SteadyCache cache : settings.steadyCaches()) {
                Console.say("--- " + id(rate, cache));
                results.add(new SteadyWebhooksScenario(settings, catalogue, rate, cache).run());
            }
        }
        return results;
    }

    ScenarioResult run() {
        ScenarioResult result = new ScenarioResult(id, "Steady state: " + rate + " webhook events/s for "
                + settings.steadySeconds() + " s, product cache " + cache.id() + " when the window starts, bridge immediate mode");
        result.syncMode = "immediate";
        result.steadyRate = rate;
        result.cacheAtStart = cache.id();
        try (ScenarioEnvironment env = new ScenarioEnvironment(settings, catalogue, id)) {
            result.logDir = env.dir().toString();
            BenchmarkSandbox sandbox = env.startSandbox();
            // Several webhooks on their way at once, a return's own in order: one at a time would hold the change
            // rate to the bridge's answer time, and the run would measure a queue in the sender, not the bridge.
            sandbox.admin().send("PUT", "/reveni/webhook-faults", "{\"lanes\": " + settings.webhookLanes() + "}");
            result.note("the sandbox sends up to " + settings.webhookLanes() + " webhooks at once, each return's in order");
            RunningBridge bridge = startRegisteredBridge(env, sandbox);
            result.settings.putAll(new TreeMap<>(bridge.env()));
            sandbox.resetCalls();
            measure(result, sandbox, bridge);
        } catch (Exception e) {
            result.error = e.toString();
            Console.say(id + ": failed: " + e);
        }
        return result;
    }

    private RunningBridge startRegisteredBridge(ScenarioEnvironment env, BenchmarkSandbox sandbox) throws Exception {
        // The port must be known before start: it goes into the URL the bridge registers.
        int port = org.returnsbridge.testsupport.BridgeProcesses.freePort();
        String webhookUrl = "http://127.0.0.1:" + port + "/webhooks/reveni";
        RunningBridge bridge = env.startBridge(port, "immediate", settings.bridgeHeap(), Map.of(
                "BRIDGE_WEBHOOK_REGISTER_URL", webhookUrl,
                "BRIDGE_POLL_CRON", "0 * * * * ?"));
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!(bridge.client().ready() && registered(sandbox, webhookUrl))) {
            if (!bridge.alive()) {
                throw new IllegalStateException(bridge.exitDescription());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the bridge was not ready with its webhook registered within 3 minutes");
            }
            Thread.sleep(250);
        }
        Console.say(id + ": bridge ready, webhook registered at " + webhookUrl);
        return bridge;
    }

    private static boolean registered(BenchmarkSandbox sandbox, String url) {
        for (JsonNode registration : sandbox.webhookRegistrations()) {
            if (url.equals(registration.path("url").asText())) {
                return true;
            }
        }
        return false;
    }

    private void measure(ScenarioResult result, BenchmarkSandbox sandbox, RunningBridge bridge) throws Exception {
        boolean warm = cache == BenchmarkSettings.SteadyCache.WARM;
        // Cold: the window opens with the first change a fresh bridge receives, its product cache still empty.
        long warmupTicks = warm ? (long) settings.steadyWarmupSeconds() * rate : 0;
        long totalTicks = warmupTicks + (long) settings.steadySeconds() * rate;
        SteadyEventStream stream = new SteadyEventStream(catalogue, settings.seed(),
                Math.max(1, Math.round(SECONDS_BETWEEN_STEPS * rate)));
        ExpectedOutcome expected = new ExpectedOutcome();
        List<Probe> probes = new ArrayList<>();
        AtomicLong ticks = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        CountDownLatch streamDone = new CountDownLatch(1);
        DeliveryCollector deliveries = new DeliveryCollector(sandbox);

        int primingReturns = warm ? primeProductCache(sandbox, bridge, expected) : 0;
        result.primingReturns = primingReturns;

        ScheduledExecutorService driver = Executors.newSingleThreadScheduledExecutor();
        ScheduledExecutorService collector = Executors.newSingleThreadScheduledExecutor();
        long measuredStartMillis;
        long measuredEndMillis;
        Map<String, Long> callsAtMeasuredStart = null;
        double[] waitAtMeasuredStart = null;
        try {
            collector.scheduleWithFixedDelay(deliveries::collectQuietly, 1, 1, TimeUnit.SECONDS);
            collector.scheduleWithFixedDelay(bridge::sampleHeap, 0, 1, TimeUnit.SECONDS);
            Console.say(id + ": sending " + rate + " return changes/s: " + warmupTicks / rate
                    + " s warm-up, then " + settings.steadySeconds() + " s measured");
            driver.scheduleAtFixedRate(() -> {
                long tick = ticks.get();
                if (tick >= totalTicks || failure.get() != null) {
                    streamDone.countDown();
                    return;
                }
                try {
                    SteadyEventStream.Event event = stream.next(tick);
                    if (event.step() == 0) {
                        expected.countStarted(event.ret());
                    }
                    sandbox.putReturn(event.json()); // the sandbox queues the webhook before it answers
                    event.newlyRestockable().forEach(line -> expected.addRestock(event.ret(), line));
                    if (!event.newlyRestockable().isEmpty() && tick >= warmupTicks) {
                        probes.add(new Probe(event.ret().id(), event.step(), tick,
                                event.newlyRestockable().stream().map(PlannedReturn.PlannedLine::externalId).toList()));
                    }
                    ticks.incrementAndGet();
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                    streamDone.countDown();
                }
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);

            while (ticks.get() < warmupTicks && failure.get() == null && streamDone.getCount() > 0) {
                Thread.sleep(20);
            }
            measuredStartMillis = System.currentTimeMillis();
            callsAtMeasuredStart = sandbox.calls("sitoo");
            waitAtMeasuredStart = rateLimitWait(bridge);
            long streamLimit = (long) ((settings.steadySeconds() + settings.steadyWarmupSeconds()) * 3 + 60);
            if (!streamDone.await(streamLimit, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the event stream did not finish within " + streamLimit + " s");
            }
            measuredEndMillis = System.currentTimeMillis();
        } finally {
            driver.shutdownNow();
            driver.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (failure.get() != null) {
            collector.shutdownNow();
            throw new IllegalStateException("sending return changes failed: " + failure.get(), failure.get());
        }
        Map<String, Long> callsAtMeasuredEnd = sandbox.calls("sitoo");
        long sent = ticks.get();
        result.eventsSent = (int) sent;
        long measuredEvents = sent - warmupTicks;
        result.eventsPerSecondSent = BacklogDrainScenario.round(measuredEvents * 1000.0 / Math.max(1, measuredEndMillis - measuredStartMillis));
        result.productLookupsWhileMeasured = callsAtMeasuredEnd.getOrDefault("GET products", 0L)
                - callsAtMeasuredStart.getOrDefault("GET products", 0L);
        result.sitooCallsWhileMeasured = total(callsAtMeasuredEnd) - total(callsAtMeasuredStart);
        result.returns = expected.returns();
        result.lines = expected.lines();
        result.restockLines = expected.restockLines();
        result.restockUnits = expected.restockUnits();
        Console.say(id + ": " + sent + " changes sent; waiting for the bridge to catch up");

        boolean caughtUp = awaitStock(sandbox, bridge, expected);
        try {
            deliveries.awaitAll(sent + primingReturns, Duration.ofSeconds(30));
        } finally {
            collector.shutdownNow();
        }
        Map<String, Long> sitooCalls = sandbox.calls("sitoo");
        result.sitooCallsByKind = sitooCalls;
        result.sitooCalls = sitooCalls.values().stream().mapToLong(Long::longValue).sum();
        result.sitoo429s = sandbox.answered("sitoo", "429");
        result.reveniCalls = sandbox.calls("reveni").values().stream().mapToLong(Long::longValue).sum();
        result.sitooCallsPerRestockedUnit = expected.restockUnits() == 0 ? null
                : Math.round(result.sitooCalls * 10_000.0 / expected.restockUnits()) / 10_000.0;
        bridge.recordMemory(result);
        double[] waitAtEnd = rateLimitWait(bridge);
        if (waitAtMeasuredStart != null && waitAtEnd != null && waitAtEnd[1] > waitAtMeasuredStart[1]) {
            double calls = waitAtEnd[1] - waitAtMeasuredStart[1];
            result.sitooRateLimitWaitMeanMillis = BacklogDrainScenario.round((waitAtEnd[0] - waitAtMeasuredStart[0]) * 1000 / calls);
        }

        TransactionAudit audit = result.checkStock(expected, sandbox, true);
        latencies(result, probes, deliveries, audit, measuredStartMillis);
        deliveryTimes(result, deliveries, measuredStartMillis, measuredEndMillis);
        result.finished = caughtUp;
        if (!caughtUp) {
            result.error = "Sitoo's stock did not reach the expected stock within " + CATCH_UP.toSeconds()
                    + " s of the last change";
        }
        Console.say(id + ": " + result.measuredStockIns + " stock-ins measured: p50 " + result.latencyP50Millis
                + " ms, p95 " + result.latencyP95Millis + " ms, p99 " + result.latencyP99Millis + " ms, max "
                + result.latencyMaxMillis + " ms; stock exact: " + result.stockExact);
    }

    /**
     * A steady state is a bridge that has run for a while, so its product cache is warm: one sellable line
     * per SKU of the catalogue goes through first (ten to a return, as webhooks), and the clock starts only
     * once all of them are in Sitoo. Without this, the first minute measures the cache filling up, each
     * new SKU's look-up queueing for a rate-limit permit before its stock-in does.
     */
    private int primeProductCache(BenchmarkSandbox sandbox, RunningBridge bridge, ExpectedOutcome expected)
            throws Exception {
        java.util.Random random = new java.util.Random(settings.seed() ^ 0xCA7A106L);
        List<BenchmarkCatalogue.Article> articles = catalogue.articles();
        BenchmarkCatalogue.Location location = catalogue.locations().get(0);
        int returns = 0;
        for (int from = 0; from < articles.size(); from += PRIMING_LINES_PER_RETURN) {
            List<PlannedReturn.PlannedLine> lines = articles.subList(from, Math.min(from + PRIMING_LINES_PER_RETURN,
                    articles.size())).stream().map(article -> new PlannedReturn.PlannedLine(hex32(random), article, 1,
                    "changed_mind", PlannedReturn.Fate.SELLABLE)).toList();
            PlannedReturn ret = new PlannedReturn(hex32(random), hex32(random), 900_000 + returns, location, lines);
            expected.addInspected(ret);
            sandbox.putReturn(ret.renderInspected());
            returns++;
        }
        Console.say(id + ": priming the product cache with " + articles.size() + " SKUs in " + returns + " returns");
        if (!awaitStock(sandbox, bridge, expected, PRIMING_LIMIT)) {
            throw new IllegalStateException("priming returns not restocked within " + PRIMING_LIMIT.toSeconds() + " s");
        }
        return returns;
    }

    /** The bridge's own record of Sitoo calls waiting for their turn under the rate limit: [seconds, calls]. */
    private static double[] rateLimitWait(RunningBridge bridge) {
        try {
            return bridge.client().timerTotals("bridge_vendor_rate_limit_wait_seconds", "vendor=\"sitoo\"");
        } catch (RuntimeException e) {
            Console.say("steady: could not read the bridge's rate-limit wait: " + e.getMessage());
            return null;
        }
    }

    private static long total(Map<String, Long> calls) {
        return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    private static String hex32(java.util.Random random) {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return java.util.HexFormat.of().formatHex(bytes);
    }

    private static boolean awaitStock(BenchmarkSandbox sandbox, RunningBridge bridge, ExpectedOutcome expected)
            throws InterruptedException {
        return awaitStock(sandbox, bridge, expected, CATCH_UP);
    }

    private static boolean awaitStock(BenchmarkSandbox sandbox, RunningBridge bridge, ExpectedOutcome expected,
                                      Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!bridge.alive()) {
                throw new IllegalStateException(bridge.exitDescription());
            }
            if (StockComparison.of(expected.units(), sandbox.stock()).exact()) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** The first part of the window, reported apart: what a cold start costs shows there, not after it. */
    private static final Duration FIRST_PART = Duration.ofSeconds(10);

    private static void latencies(ScenarioResult result, List<Probe> probes, DeliveryCollector deliveries,
                                  TransactionAudit audit, long measuredStartMillis) {
        List<Long> firstPart = new ArrayList<>();
        List<Long> afterFirstPart = new ArrayList<>();
        Map<String, List<JsonNode>> byReturn = deliveries.byReturnInOrder();
        List<Long> sentToStockIn = new ArrayList<>();
        List<Long> changeToStockIn = new ArrayList<>();
        int missing = 0;
        int unmatched = 0;
        int beforeWebhook = 0;
        int failedDeliveries = 0;
        for (Probe probe : probes) {
            List<JsonNode> ofReturn = byReturn.getOrDefault(probe.returnId(), List.of());
            if (probe.step() >= ofReturn.size()) {
                unmatched++;
                continue;
            }
            // The k-th change of a return is its k-th webhook: a return's webhooks go in order, no faults injected.
            JsonNode delivery = ofReturn.get(probe.step());
            if (!delivery.path("error").isNull() && !delivery.path("error").isMissingNode()) {
                failedDeliveries++;
            }
            for (String externalId : probe.externalIds()) {
                Long stockedAt = audit.recordedAt(externalId);
                if (stockedAt == null) {
                    missing++;
                    continue;
                }
                long latency = stockedAt - delivery.path("firstSentAtMillis").asLong();
                if (latency < 0) {
                    beforeWebhook++;
                    continue;
                }
                sentToStockIn.add(latency);
                boolean early = delivery.path("firstSentAtMillis").asLong() < measuredStartMillis + FIRST_PART.toMillis();
                (early ? firstPart : afterFirstPart).add(latency);
                changeToStockIn.add(stockedAt - delivery.path("queuedAtMillis").asLong());
            }
        }
        Percentiles latency = new Percentiles(sentToStockIn.stream().mapToLong(Long::longValue).toArray());
        result.measuredStockIns = latency.count();
        result.missingStockIns = missing;
        result.unmatchedDeliveries = unmatched;
        result.latencyP50Millis = latency.at(50);
        result.latencyP95Millis = latency.at(95);
        result.latencyP99Millis = latency.at(99);
        result.latencyMaxMillis = latency.max();
        result.changeToStockInP99Millis = new Percentiles(changeToStockIn.stream().mapToLong(Long::longValue).toArray()).at(99);
        Percentiles early = new Percentiles(firstPart.stream().mapToLong(Long::longValue).toArray());
        Percentiles later = new Percentiles(afterFirstPart.stream().mapToLong(Long::longValue).toArray());
        result.note("webhook sent → stock-in, webhooks sent in the window's first " + FIRST_PART.toSeconds() + " s: "
                + early.count() + " stock-ins, p50 " + early.at(50) + " / p99 " + early.at(99) + " ms; after them: "
                + later.count() + " stock-ins, p50 " + later.at(50) + " / p99 " + later.at(99) + " ms");
        if (beforeWebhook > 0) {
            result.note(beforeWebhook + " line(s) were restocked by the poll before their webhook was sent: not counted");
        }
        if (failedDeliveries > 0) {
            result.note(failedDeliveries + " measured webhook(s) were not answered 2xx by the bridge");
        }
    }

    /**
     * Where a change spends its time before the measured latency starts: waiting in the sandbox's lane for the
     * URL (Reveni's sender posts one event at a time per URL, so a bridge slow to answer makes the next ones
     * wait), then the bridge's answer (signature, inbox insert, queueing for processing). Every delivery whose
     * first attempt left in the measured window counts, not only those that led to a stock-in.
     */
    private static void deliveryTimes(ScenarioResult result, DeliveryCollector deliveries, long measuredStartMillis,
                                      long measuredEndMillis) {
        List<Long> answer = new ArrayList<>();
        List<Long> queued = new ArrayList<>();
        long sentInWindow = 0;
        for (List<JsonNode> ofReturn : deliveries.byReturnInOrder().values()) {
            for (JsonNode d : ofReturn) {
                long sent = d.path("firstSentAtMillis").asLong();
                if (sent < measuredStartMillis || d.path("answeredAtMillis").asLong() == 0) {
                    continue;
                }
                if (sent <= measuredEndMillis) {
                    sentInWindow++;
                }
                answer.add(d.path("answeredAtMillis").asLong() - sent);
                queued.add(sent - d.path("queuedAtMillis").asLong());
            }
        }
        Percentiles answers = new Percentiles(answer.stream().mapToLong(Long::longValue).toArray());
        Percentiles waits = new Percentiles(queued.stream().mapToLong(Long::longValue).toArray());
        result.webhookAnswerP50Millis = answers.at(50);
        result.webhookAnswerP99Millis = answers.at(99);
        result.webhookQueuedP50Millis = waits.at(50);
        result.webhookQueuedP99Millis = waits.at(99);
        result.webhooksSentPerSecond = BacklogDrainScenario.round(sentInWindow * 1000.0
                / Math.max(1, measuredEndMillis - measuredStartMillis));
    }

    /**
     * Collects the sandbox's webhook deliveries while the run goes on: its log keeps only the last 1000, so
     * it is read every second and merged by event id.
     */
    static final class DeliveryCollector {

        private final BenchmarkSandbox sandbox;
        private final Map<String, JsonNode> byEventId = new ConcurrentHashMap<>();

        DeliveryCollector(BenchmarkSandbox sandbox) {
            this.sandbox = sandbox;
        }

        void collect() {
            for (JsonNode delivery : sandbox.webhookDeliveries()) {
                byEventId.putIfAbsent(delivery.path("eventId").asText() + " " + delivery.path("url").asText(), delivery);
            }
        }

        void collectQuietly() {
            try {
                collect();
            } catch (RuntimeException e) {
                Console.say("steady: reading webhook deliveries failed once: " + e.getMessage());
            }
        }

        /** Until every change sent has its delivery recorded (all attempts done), or the limit. */
        void awaitAll(long expected, Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            collect();
            while (byEventId.size() < expected && System.nanoTime() < deadline) {
                Thread.sleep(250);
                collect();
            }
        }

        /** Each return's deliveries in the order the sandbox queued them. */
        Map<String, List<JsonNode>> byReturnInOrder() {
            Map<String, List<JsonNode>> byReturn = new HashMap<>();
            byEventId.values().forEach(d -> byReturn.computeIfAbsent(d.path("returnId").asText(), k -> new ArrayList<>()).add(d));
            byReturn.values().forEach(list -> list.sort(Comparator.comparingLong(d -> d.path("sequence").asLong())));
            return byReturn;
        }
    }
}
