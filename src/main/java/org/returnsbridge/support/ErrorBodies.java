package org.returnsbridge.support;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.web.servlet.error.DefaultErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * The body of errors answered outside the bridge's controllers (an unknown path, a request refused by
 * a filter and forwarded to /error): {@code {"detail": "<reason>"}} like every other error, instead of
 * Spring Boot's timestamp/status/error/path. Only the status's reason is given, never an exception's
 * message, which may carry internals. A browser asking for HTML still gets Spring Boot's error page.
 */
public class ErrorBodies extends DefaultErrorAttributes {

    @Override
    public Map<String, Object> getErrorAttributes(WebRequest request, ErrorAttributeOptions options) {
        String accept = request.getHeader("Accept");
        if (accept != null && accept.contains("text/html")) {
            return super.getErrorAttributes(request, options); // a browser's error page (Hawtio's tab)
        }
        Object code = request.getAttribute("jakarta.servlet.error.status_code", RequestAttributes.SCOPE_REQUEST);
        HttpStatus status = code instanceof Integer c ? HttpStatus.resolve(c) : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("detail", status == null ? "error" : status.value() == 404 ? "no such path"
                : status.getReasonPhrase().toLowerCase());
        return body;
    }
}
