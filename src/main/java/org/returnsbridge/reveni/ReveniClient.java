package org.returnsbridge.reveni;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.returnsbridge.support.ResponseTooLargeException;

/**
 * Reveni's merchant API as the bridge uses it (shared/contracts/reveni-api.md): Bearer auth, the
 * returns list paged by {@code updated_after} and {@code page} (the poll builds each page's URL itself,
 * see ReturnsCursor; a {@code next} link only says there is more), 404 "Invalid page." past the end.
 * The asking itself is a Camel route per operation family ({@link ReveniGatewayRoutes}), reached
 * through Camel's bean proxy.
 */
public class ReveniClient {

    private static final Pattern PAGE_PARAM = Pattern.compile("([?&]page=)(\\d+)");
    private static final Pattern PAGE_SIZE_PARAM = Pattern.compile("([?&]page_size=)(\\d+)");

    private final ReveniCall returns;
    private final ReveniCall webhooks;
    private final ReveniConnection connection;
    private final ObjectMapper json;
    private final int pageSize;

    public ReveniClient(ReveniCall returns, ReveniCall webhooks, ReveniConnection connection, ObjectMapper json,
                        int pageSize) {
        this.returns = returns;
        this.webhooks = webhooks;
        this.connection = connection;
        this.json = json;
        this.pageSize = pageSize;
    }

    /** The first page of returns changed at or after {@code updatedAfter} (inclusive). */
    public String firstPageUrl(Instant updatedAfter) {
        return pageUrl(updatedAfter, 1);
    }

    /** Page {@code page} (from 1) of the returns changed at or after {@code updatedAfter} (inclusive). */
    public String pageUrl(Instant updatedAfter, long page) {
        return connection.returnsUrl() + "?updated_after=" + URLEncoder.encode(updatedAfter.toString(), StandardCharsets.UTF_8)
                + "&page_size=" + pageSize + "&page=" + page;
    }

    /** One return as Reveni has it now, or empty when Reveni knows no such return (404). */
    public Optional<JsonNode> fetchReturn(String returnId) {
        String url = connection.returnsUrl() + "/" + URLEncoder.encode(returnId, StandardCharsets.UTF_8);
        JsonNode answer;
        try {
            answer = returns.send(ReveniRequest.get(url, null, "read return " + returnId));
        } catch (ReveniAnswerNotJsonException e) {
            throw new InvalidReturnException(returnId, e.getMessage());
        } catch (ResponseTooLargeException e) {
            throw new InvalidReturnException(returnId, "Reveni answered return " + returnId + " with more than "
                    + e.limitBytes() + " bytes (bridge.limits.max-page-bytes)");
        }
        return answer.isMissingNode() ? Optional.empty() : Optional.of(answer);
    }

    /** Asks Reveni to send return.created and return.updated events to {@code url}. */
    public void registerWebhook(String url) {
        String body = json.createObjectNode().put("url", url).set("event_types",
                json.createArrayNode().add("return.created").add("return.updated")).toString();
        String what = "register webhook " + url;
        try {
            JsonNode answer = webhooks.send(ReveniRequest.post(connection.baseUrl() + "/stores/" + connection.storeId()
                    + "/webhooks", body, what));
            if (answer.isMissingNode()) {
                throw new ReveniUnavailableException("Reveni answered HTTP 404 to " + what, null);
            }
        } catch (ReveniAnswerNotJsonException ignored) {
            // registered (2xx); the bridge does not read what Reveni says about it
        }
    }

    public ReturnsPage fetchPage(String url) {
        JsonNode page;
        try {
            page = send(url, "read returns page " + url);
        } catch (ResponseTooLargeException e) {
            return unreadable(url, "Reveni answered a returns page larger than " + e.limitBytes()
                    + " bytes (bridge.limits.max-page-bytes)");
        } catch (ReveniAnswerNotJsonException e) {
            return unreadable(url, "Reveni answered a returns page that is not JSON: " + e.getMessage());
        }
        if (page.isMissingNode()) {
            // Past the end (the contract's "Invalid page."): nothing more to read.
            return new ReturnsPage(url, true, null, List.of(), null);
        }
        if (!page.path("results").isArray()) {
            return unreadable(url, "Reveni answered a returns page without a results array");
        }
        List<JsonNode> results = new ArrayList<>(page.get("results").size());
        page.get("results").forEach(results::add);
        JsonNode next = page.get("next");
        return new ReturnsPage(url, true, null, results, next != null && next.isTextual() && !next.asText().isBlank()
                ? next.asText() : null);
    }

    /**
     * A page we could not read still has a successor: the same query one page further (the poll goes on
     * by page number past a page it could not wholly read). It keeps its checkpoint before this page so
     * the page is read again next time.
     */
    private ReturnsPage unreadable(String url, String problem) {
        Matcher m = PAGE_PARAM.matcher(url);
        String next = m.find() ? m.replaceFirst("$1" + (Long.parseLong(m.group(2)) + 1)) : null;
        return new ReturnsPage(url, false, problem, List.of(), next);
    }

    /**
     * The same returns as the page at {@code pageUrl}, one return per page: when a page cannot be read,
     * reading its returns one by one isolates the bad one and lets the others through.
     */
    public List<String> singleReturnPages(String pageUrl) {
        Matcher page = PAGE_PARAM.matcher(pageUrl);
        Matcher size = PAGE_SIZE_PARAM.matcher(pageUrl);
        if (!page.find() || !size.find()) {
            return List.of();
        }
        long pageNumber = Long.parseLong(page.group(2));
        int pageSize = Integer.parseInt(size.group(2));
        if (pageSize <= 1) {
            return List.of();
        }
        String sizeOne = size.replaceFirst("$1" + 1);
        List<String> urls = new ArrayList<>(pageSize);
        for (long k = (pageNumber - 1) * pageSize + 1; k <= pageNumber * pageSize; k++) {
            urls.add(PAGE_PARAM.matcher(sizeOne).replaceFirst("$1" + k));
        }
        return urls;
    }

    private JsonNode send(String url, String what) {
        URI uri = URI.create(url);
        String base = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return returns.send(ReveniRequest.get(base, uri.getRawQuery(), what));
    }
}
