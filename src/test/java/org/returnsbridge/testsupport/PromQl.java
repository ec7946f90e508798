package org.returnsbridge.testsupport;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names a PromQL expression reads, so a test can hold them against a real scrape. Not a parser: it
 * drops what cannot be a metric name (strings, label matchers, ranges, grouping label lists, functions and
 * aggregations, which are followed by a parenthesis, keywords, numbers, Grafana's $variables) and keeps the
 * identifiers left.
 */
public final class PromQl {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|`[^`]*`");
    private static final Pattern MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    private static final Pattern LABEL_LIST = Pattern.compile(
            "\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{[^}]*}|\\$\\w+");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])([a-zA-Z_:][a-zA-Z0-9_:]*)(\\s*\\()?");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan", "Inf", "NaN");

    /** A metric and its matchers, whose quoted values may hold a brace. */
    private static final Pattern SELECTOR = Pattern.compile(
            "([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*\\{((?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'|[^}\"'])*)}");
    private static final Pattern MATCHER = Pattern.compile(
            "([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)\\s*(?:\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*')");

    private PromQl() {}

    /**
     * The label names each metric is matched on ({@code metric{label="value"}}): a misspelt label name matches no
     * series, so a rule on it never fires however real its metric is.
     */
    public static Map<String, Set<String>> matchedLabels(String expression) {
        Map<String, Set<String>> labels = new TreeMap<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            Set<String> names = labels.computeIfAbsent(selector.group(1), metric -> new TreeSet<>());
            Matcher matcher = MATCHER.matcher(selector.group(2));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
        }
        return labels;
    }

    public static Set<String> metricNames(String expression) {
        String rest = STRING.matcher(expression).replaceAll(" ");
        rest = MATCHERS.matcher(rest).replaceAll(" ");
        rest = RANGE.matcher(rest).replaceAll(" ");
        rest = LABEL_LIST.matcher(rest).replaceAll(" ");
        rest = VARIABLE.matcher(rest).replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher identifier = IDENTIFIER.matcher(rest);
        while (identifier.find()) {
            boolean calledAsFunction = identifier.group(2) != null;
            String name = identifier.group(1);
            if (!calledAsFunction && !KEYWORDS.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
