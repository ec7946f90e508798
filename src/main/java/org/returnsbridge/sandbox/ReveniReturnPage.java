package org.returnsbridge.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Cuts one page out of a Reveni list result and writes it the Django-REST way: {@code count}, absolute
 * {@code next}/{@code previous} links built from the request, and the elements. The body is assembled by
 * hand because planted raw elements must appear verbatim, even when they are not valid JSON.
 */
final class ReveniReturnPage {

    static final int DEFAULT_PAGE_SIZE = 20;
    static final int MAX_PAGE_SIZE = 100;

    private ReveniReturnPage() {
    }

    /** @param baseUrl scheme and authority the caller used, e.g. {@code http://127.0.0.1:8089} */
    static String render(List<ListedResult> results, HttpCall call, String baseUrl) {
        int pageSize = Math.min(Math.max(call.queryInt("page_size", DEFAULT_PAGE_SIZE), 1), MAX_PAGE_SIZE);
        int page = pageNumber(call);
        int count = results.size();
        int lastPage = Math.max(1, (count + pageSize - 1) / pageSize);
        if (page > lastPage) {
            throw ApiError.notFound("Invalid page.");
        }
        int from = (page - 1) * pageSize;
        List<ListedResult> slice = results.subList(from, Math.min(from + pageSize, count));
        String next = page < lastPage ? link(call, baseUrl, page + 1) : null;
        String previous = page > 1 ? link(call, baseUrl, page - 1) : null;
        return "{\"count\":" + count
                + ",\"next\":" + JsonHttp.toText(next)
                + ",\"previous\":" + JsonHttp.toText(previous)
                + ",\"results\":[" + slice.stream().map(ListedResult::json).collect(Collectors.joining(","))
                + "]}";
    }

    /** Like Django REST framework: a page that is not a positive number is simply an invalid page. */
    private static int pageNumber(HttpCall call) {
        String text = call.query("page").orElse("1").trim();
        try {
            int page = Integer.parseInt(text);
            if (page >= 1) {
                return page;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the 404 below
        }
        throw ApiError.notFound("Invalid page.");
    }

    /** The request's own URL with only {@code page} changed, other parameters kept exactly as sent. */
    private static String link(HttpCall call, String baseUrl, int page) {
        List<String> pairs = new ArrayList<>();
        boolean replaced = false;
        for (String pair : call.rawQuery().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            if (pair.equals("page") || pair.startsWith("page=")) {
                if (!replaced) {
                    pairs.add("page=" + page);
                    replaced = true;
                }
            } else {
                pairs.add(pair);
            }
        }
        if (!replaced) {
            pairs.add("page=" + page);
        }
        return baseUrl + call.rawPath() + "?" + String.join("&", pairs);
    }
}
