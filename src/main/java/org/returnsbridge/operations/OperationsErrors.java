package org.returnsbridge.operations;

import org.returnsbridge.support.BadRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The page's failures as pages: a sentence under the nav bar, never a stack trace or Spring's error JSON.
 * Only for this package's controllers, ahead of the API's JSON error advice, which keeps its own error bodies.
 */
@ControllerAdvice(basePackageClasses = OperationsErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class OperationsErrors {

    private static final Logger log = LoggerFactory.getLogger(OperationsErrors.class);
    static final String VIEW = "operations/message";

    @ExceptionHandler(PageNotFoundException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(PageNotFoundException e, Model model) {
        return message(model, "Not found", e.getMessage());
    }

    @ExceptionHandler({PageInputException.class, BadRequestException.class})
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String badInput(RuntimeException e, Model model) {
        return message(model, "Cannot show that", e.getMessage());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    @ResponseStatus(HttpStatus.BAD_REQUEST)
    String notANumber(MethodArgumentTypeMismatchException e, Model model) {
        return message(model, "Cannot show that", e.getName() + " must be a number, got '"
                + org.returnsbridge.support.RequestDates.echo(String.valueOf(e.getValue())) + "'");
    }

    @ExceptionHandler(RuntimeException.class)
    @ResponseStatus(HttpStatus.INTERNAL_SERVER_ERROR)
    String broken(RuntimeException e, Model model) {
        log.error("The operations page failed", e);
        return message(model, "Something went wrong", "the page could not be built; the details are in the bridge's log");
    }

    private static String message(Model model, String title, String text) {
        model.addAttribute("title", title);
        model.addAttribute("message", text);
        return VIEW;
    }
}
