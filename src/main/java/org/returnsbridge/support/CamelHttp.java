package org.returnsbridge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * The one way the bridge calls a vendor: a camel-http endpoint, so calls show up in Camel's JMX and
 * Micrometer statistics, with the connection pool and timeouts configured once on the component.
 *
 * <p>Credentials travel as headers, never in the endpoint URI: URIs are visible in JMX, Hawtio and
 * logs. Every call gets a fresh exchange, so no route header can leak to a vendor as an HTTP header.
 * Statuses are returned, not thrown, so each vendor client decides what a status means.
 */
public class CamelHttp {

    private final ProducerTemplate template;

    public CamelHttp(ProducerTemplate template) {
        this.template = template;
    }

    /**
     * @throws IOException when no answer came back at all (refused, reset, timed out): the request
     *                     may or may not have been applied by the vendor.
     */
    public HttpResponse call(String method, String url, String query, Map<String, String> headers, String body)
            throws IOException {
        return call(method, url, query, headers, body, Long.MAX_VALUE);
    }

    /**
     * As above, refusing an answer body larger than {@code maxBodyBytes}: a vendor that sends a huge
     * page must not be able to exhaust the bridge's memory. Camel spools large bodies to disk, so the
     * limit is checked while reading, before anything is held as a String.
     *
     * @throws ResponseTooLargeException when the body is larger than the limit
     */
    public HttpResponse call(String method, String url, String query, Map<String, String> headers, String body,
                             long maxBodyBytes) throws IOException {
        Exchange answer;
        try {
            answer = template.request(endpoint(url), exchange -> {
                var in = exchange.getIn();
                in.setHeader(Exchange.HTTP_METHOD, method);
                if (query != null && !query.isEmpty()) {
                    in.setHeader(Exchange.HTTP_QUERY, query);
                }
                headers.forEach(in::setHeader);
                if (body != null) {
                    in.setHeader(Exchange.CONTENT_TYPE, "application/json");
                    in.setBody(body);
                }
            });
        } catch (CamelExecutionException e) {
            throw asIoException(e.getCause() == null ? e : e.getCause());
        }
        if (answer.getException() != null) {
            throw asIoException(answer.getException());
        }
        var out = answer.getMessage();
        Integer status = out.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        return new HttpResponse(status == null ? 0 : status, readBody(out.getBody(InputStream.class), maxBodyBytes),
                out.getHeader("Retry-After", String.class));
    }

    private static String readBody(InputStream in, long maxBodyBytes) throws IOException {
        if (in == null) {
            return null;
        }
        try (in) {
            ByteArrayOutputStream buffer = new ByteArrayOutputStream();
            byte[] chunk = new byte[8192];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > maxBodyBytes) {
                    throw new ResponseTooLargeException(maxBodyBytes);
                }
                buffer.write(chunk, 0, n);
            }
            return buffer.toString(StandardCharsets.UTF_8);
        }
    }

    private static IOException asIoException(Throwable t) {
        return t instanceof IOException io ? io : new IOException(t.getMessage(), t);
    }

    /** Statuses are judged by the vendor clients, so the endpoint must not throw on 4xx/5xx. */
    private static String endpoint(String url) {
        return url + (url.contains("?") ? "&" : "?") + "throwExceptionOnFailure=false";
    }
}
