package org.returnsbridge;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintViolation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.validation.FieldError;

/**
 * A start-up that fails ends the process: one ERROR line naming the setting or file (and line) and what to do,
 * the stack trace only at DEBUG ({@code LOGGING_LEVEL_ORG_RETURNSBRIDGE=DEBUG}), and a non-zero exit at once,
 * so a container that cannot work never looks alive (Quartz, Camel or Tomcat threads left behind by a half
 * started context would otherwise keep the JVM running without an HTTP port).
 */
public final class StartupRefusal {

    private static final Logger log = LoggerFactory.getLogger(StartupRefusal.class);
    /** {@code ${BRIDGE_X}} or {@code ${BRIDGE_X:default}}, as application.yml reads a setting. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::.*)?}", Pattern.DOTALL);
    static final int EXIT_CODE = 1;

    private StartupRefusal() {}

    /** Logs the refusal and ends the JVM; never returns. */
    public static void exit(Throwable failure) {
        try {
            log.error("Refusing to start: {}", describe(failure));
            log.debug("Start-up failure, in full", failure);
        } finally {
            // A shutdown hook that hangs must not keep the process alive either.
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(5000);
                } catch (InterruptedException ignored) {
                    return;
                }
                Runtime.getRuntime().halt(EXIT_CODE);
            }, "startup-refusal-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(EXIT_CODE);
        }
    }

    /** One line: the most specific message the failure carries, with what to do. */
    static String describe(Throwable failure) {
        List<Throwable> chain = chain(failure);
        for (Throwable t : chain) {
            if (t instanceof BindException bind) {
                return describeBinding(bind);
            }
        }
        for (Throwable t : chain) {
            if (t instanceof PortInUseException port) {
                return "SERVER_PORT " + port.getPort() + " is already in use: stop what listens there, or set SERVER_PORT";
            }
        }
        for (Throwable t : chain) {
            // The outermost the bridge threw: where it wraps a failure, it adds which setting and what to do.
            if (t.getMessage() != null && thrownByTheBridge(t)) {
                return oneLine(t.getMessage());
            }
        }
        Throwable root = chain.get(chain.size() - 1);
        for (Throwable t : chain) {
            if (t instanceof SQLException || t.getClass().getName().startsWith("org.flywaydb.")
                    || t.getClass().getName().startsWith("com.zaxxer.hikari.")) {
                return "the database (SPRING_DATASOURCE_URL) cannot be used: " + oneLine(message(root))
                        + "; check SPRING_DATASOURCE_URL, its credentials, and that the database is running";
            }
        }
        for (Throwable t : chain) {
            if (t instanceof ConnectException || t instanceof UnknownHostException) {
                return "cannot connect: " + oneLine(message(t)) + "; check the vendor base URLs and the network";
            }
        }
        return oneLine(message(root)) + " (LOGGING_LEVEL_ORG_RETURNSBRIDGE=DEBUG shows the full trace)";
    }

    private static String describeBinding(BindException bind) {
        String property = bind.getName().toString();
        if (bind.getCause() instanceof BindValidationException validation) {
            ValidationErrors validationErrors = validation.getValidationErrors();
            List<String> errors = new ArrayList<>();
            validationErrors.getAllErrors().forEach(error -> {
                if (error instanceof FieldError field) {
                    Rejected rejected = Rejected.of(field);
                    String setting = property + "." + rejected.field();
                    String message = field.getDefaultMessage();
                    String variable = variable(boundProperty(validationErrors, setting))
                            .filter(name -> message == null || !message.contains(name))
                            .map(name -> " (" + name + ")").orElse("");
                    errors.add(setting + variable + " " + message + rejected.got());
                } else {
                    errors.add(property + " " + error.getDefaultMessage());
                }
            });
            return "invalid setting: " + String.join("; ", errors)
                    + " (docs/configuration.md lists each setting with its environment variable)";
        }
        if (bind.getCause() instanceof ConversionFailedException conversion) {
            String named = variable(bind.getProperty()).map(variable -> variable + " (" + property + ")").orElse(property);
            return named + " '" + oneLine(String.valueOf(conversion.getValue())) + "' is not " + expected(conversion)
                    + " (docs/configuration.md lists each setting with its environment variable)";
        }
        return "invalid setting " + property + ": " + oneLine(message(bind.getCause() == null ? bind : bind.getCause()))
                + " (docs/configuration.md lists each setting with its environment variable)";
    }

    /**
     * The field a validation error is about and, as {@code " (got …)"}, the value it was given. A range check
     * written as {@code @AssertTrue isCheckinIntervalInRange()} rejects the value {@code false} of a derived
     * property; the setting is the record component it checks ({@code checkinInterval}), and that component's
     * value is what to show, unless it is text: a derived check may guard a secret, which is never logged.
     */
    private record Rejected(String field, String got) {

        Rejected(String field, Object value, boolean shown) {
            this(field, shown ? " (got " + value + ")" : "");
        }

        static Rejected of(FieldError error) {
            if (error.getRejectedValue() instanceof Boolean && error.contains(ConstraintViolation.class)
                    && error.unwrap(ConstraintViolation.class).getLeafBean() instanceof Record bean) {
                String path = error.getField();
                String parent = path.substring(0, path.lastIndexOf('.') + 1);
                String derived = path.substring(parent.length());
                var checked = Arrays.stream(bean.getClass().getRecordComponents())
                        .filter(component -> derived.startsWith(component.getName()) && !derived.equals(component.getName()))
                        .max(Comparator.comparingInt(component -> component.getName().length()));
                if (checked.isPresent()) {
                    String component = parent + checked.get().getName();
                    try {
                        Object value = checked.get().getAccessor().invoke(bean);
                        return new Rejected(component, value, !(value instanceof CharSequence));
                    } catch (ReflectiveOperationException | RuntimeException unreadable) {
                        return new Rejected(component, null, false);
                    }
                }
            }
            return new Rejected(error.getField(), error.getRejectedValue(), true);
        }
    }

    private static ConfigurationProperty boundProperty(ValidationErrors errors, String setting) {
        String wanted = comparable(setting);
        return errors.getBoundProperties().stream().filter(bound -> comparable(bound.getName().toString()).equals(wanted))
                .findFirst().orElse(null);
    }

    /** Spring's relaxed names: {@code checkin-interval}, {@code checkinInterval} and {@code checkin_interval} are one. */
    private static String comparable(String name) {
        return name.replaceAll("[^A-Za-z0-9.\\[\\]]", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The environment variable a setting was given by: application.yml reads most settings as
     * {@code ${BRIDGE_X:default}}, and Spring maps a variable named after the setting itself.
     */
    private static Optional<String> variable(ConfigurationProperty property) {
        if (property == null) {
            return Optional.empty();
        }
        // A value from the environment carries a SystemEnvironmentOrigin, wrapped in its property source's origin.
        Origin origin = property.getOrigin();
        for (int depth = 0; origin != null && depth < 5; depth++) {
            if (origin instanceof SystemEnvironmentOrigin environment) {
                return Optional.of(environment.getProperty());
            }
            origin = origin instanceof PropertySourceOrigin wrapped && wrapped.getOrigin() != null ? wrapped.getOrigin()
                    : origin.getParent();
        }
        Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(property.getValue()));
        return placeholder.matches() ? Optional.of(placeholder.group(1)) : Optional.empty();
    }

    /** What the setting's type accepts, in words a deployment understands. */
    private static String expected(ConversionFailedException conversion) {
        Class<?> type = conversion.getTargetType().getType();
        if (type == Duration.class) {
            return "a duration: write it as 30s, 5m, 2h, 7d or ISO-8601 (PT30S)";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isEnum()) {
            return "one of " + Arrays.toString(type.getEnumConstants());
        }
        return "a valid " + type.getSimpleName();
    }

    private static boolean thrownByTheBridge(Throwable t) {
        StackTraceElement[] trace = t.getStackTrace();
        return t.getClass().getName().startsWith("org.returnsbridge.")
                || trace.length > 0 && trace[0].getClassName().startsWith("org.returnsbridge.");
    }

    private static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
