package org.returnsbridge.support;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One shape for every error the bridge's own controllers answer: {@code {"detail": "..."}}, as the rest of
 * the API (and Reveni's) does. Spring MVC's own refusals (a parameter that is not a number, a missing one,
 * a wrong method or media type) keep their status and get that body; a {@link BadRequestException} is a
 * 400; anything unexpected is a 500 whose body says only that (the cause goes to the log, not to the caller).
 * Errors outside these controllers (unknown paths, the security layer) are shaped by {@link ErrorBodies}.
 */
@RestControllerAdvice(basePackages = "org.returnsbridge")
public class ApiErrorAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorAdvice.class);

    @ExceptionHandler(BadRequestException.class)
    ResponseEntity<Object> badRequest(BadRequestException e) {
        return detail(HttpStatus.BAD_REQUEST, new HttpHeaders(), e.getMessage());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("Request failed unexpectedly", e);
        return detail(HttpStatus.INTERNAL_SERVER_ERROR, new HttpHeaders(),
                "the bridge failed to answer this request; the cause is in its log");
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
        Class<?> type = e.getRequiredType();
        String expected = type == null ? "a valid value"
                : Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)
                ? "a number" : "a " + type.getSimpleName();
        return detail(status, headers, name + " must be " + expected + ", got '"
                + RequestDates.echo(String.valueOf(e.getValue())) + "'");
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        String detail = body instanceof ProblemDetail problem && problem.getDetail() != null ? problem.getDetail()
                : e.getMessage();
        return detail(status, headers, detail);
    }

    private static ResponseEntity<Object> detail(HttpStatusCode status, HttpHeaders headers, String detail) {
        HttpHeaders answer = new HttpHeaders();
        answer.addAll(headers);
        answer.setContentType(MediaType.APPLICATION_JSON);
        String text = detail != null ? detail
                : status instanceof HttpStatus known ? known.getReasonPhrase() : "error " + status.value();
        return ResponseEntity.status(status).headers(answer).body(Map.of("detail", text));
    }
}
