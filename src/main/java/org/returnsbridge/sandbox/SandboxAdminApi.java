package org.returnsbridge.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's own control API under {@code /sandbox} (JSON, no auth, never subject to faults): reset the
 * world, shape what each fake vendor holds, count vendor calls, switch faults on and off, drive the trickle.
 */
final class SandboxAdminApi {

    static final String PREFIX = "/sandbox";

    private final SandboxWorld world;
    private final ReveniAdmin reveni;
    private final SitooAdmin sitoo;

    SandboxAdminApi(SandboxWorld world) {
        this.world = world;
        this.reveni = new ReveniAdmin(world.reveni(), world.webhooks());
        this.sitoo = new SitooAdmin(world.sitoo());
    }

    HttpAnswer handle(HttpCall call) {
        try {
            return route(call);
        } catch (ApiError refusal) {
            return error(refusal.status(), refusal.getMessage());
        } catch (RuntimeException bug) {
            return error(500, "sandbox failure: " + bug);
        }
    }

    private HttpAnswer route(HttpCall call) {
        List<String> path = call.segments();
        String first = path.isEmpty() ? "" : path.get(0);
        List<String> rest = path.isEmpty() ? path : path.subList(1, path.size());
        switch (first) {
            case "" -> {
                return HttpAnswer.json(200, status());
            }
            case "reset" -> {
                requirePost(call);
                world.reset(call.queryFlag("seed", true));
                return HttpAnswer.json(200, status());
            }
            case "reveni" -> {
                return reveni.handle(call, rest);
            }
            case "sitoo" -> {
                return sitoo.handle(call, rest);
            }
            case "calls" -> {
                return calls(call, rest);
            }
            case "faults" -> {
                return faults(call, rest);
            }
            case "trickle" -> {
                return trickle(call, rest);
            }
            default -> throw ApiError.notFound("no admin endpoint " + call.method() + " " + call.rawPath());
        }
    }

    private HttpAnswer calls(HttpCall call, List<String> rest) {
        if (rest.isEmpty() && call.is("GET")) {
            return HttpAnswer.json(200, world.calls().snapshot());
        }
        if (rest.equals(List.of("statuses")) && call.is("GET")) {
            return HttpAnswer.json(200, world.calls().statusSnapshot());
        }
        if (rest.equals(List.of("reset")) && call.is("POST")) {
            world.calls().reset();
            return HttpAnswer.json(200, world.calls().snapshot());
        }
        throw ApiError.notFound("use GET /sandbox/calls, GET /sandbox/calls/statuses or POST /sandbox/calls/reset");
    }

    private HttpAnswer faults(HttpCall call, List<String> rest) {
        if (rest.size() != 1) {
            throw ApiError.notFound("use /sandbox/faults/sitoo or /sandbox/faults/reveni");
        }
        FaultInjector injector = world.faults(rest.get(0))
                .orElseThrow(() -> ApiError.notFound("no vendor '" + rest.get(0) + "': use sitoo or reveni"));
        switch (call.method()) {
            case "PUT" -> injector.configure(JsonHttp.convert(call.jsonBody(), FaultSettings.class));
            case "DELETE" -> injector.clear();
            case "GET" -> {
                // just report
            }
            default -> throw new ApiError(405, "use PUT, GET or DELETE");
        }
        ObjectNode answer = JsonHttp.MAPPER.valueToTree(injector.settings());
        answer.put("outageSecondsLeft", injector.outageSecondsLeft());
        return HttpAnswer.json(200, answer);
    }

    private HttpAnswer trickle(HttpCall call, List<String> rest) {
        if (rest.equals(List.of("tick")) && call.is("POST")) {
            int count = call.queryInt("count", 1);
            for (int i = 0; i < count; i++) {
                world.trickle().tick();
            }
            return HttpAnswer.json(200, Map.of("ticks", count, "activeReturns", world.trickle().activeCount()));
        }
        throw ApiError.notFound("use POST /sandbox/trickle/tick?count=N");
    }

    private ObjectNode status() {
        ObjectNode status = JsonHttp.object();
        status.put("status", "up");
        status.put("returns", world.reveni().size());
        status.put("products", world.sitoo().products(List.of()).size());
        status.put("warehouses", world.sitoo().warehouses().size());
        status.put("warehousetransactions", world.sitoo().transactions().size());
        status.put("orders", world.sitoo().orders().size());
        return status;
    }

    private static void requirePost(HttpCall call) {
        if (!call.is("POST")) {
            throw new ApiError(405, "use POST");
        }
    }

    private static HttpAnswer error(int status, String message) {
        return HttpAnswer.json(status, Map.of("error", message));
    }
}
