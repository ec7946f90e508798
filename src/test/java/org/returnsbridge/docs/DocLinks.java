package org.returnsbridge.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the markdown links of a set of pages against a repository root: a link to a file must name one that
 * exists inside the repository, a {@code #anchor} must match a heading of the page it points to (GitHub's slugs),
 * and nothing may point outside the repository, not even in prose (a reader of the published repository has
 * nothing outside it). Links to public web pages ({@code http(s)://}) are not followed.
 */
final class DocLinks {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`+[^`]*`+");
    private static final Pattern INLINE_LINK = Pattern.compile("\\[[^\\]]*]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_LINK = Pattern.compile("^ {0,3}\\[[^\\]\\n]+]:[ \\t]*<?([^\\s>]+)>?[^\\n]*$",
            Pattern.MULTILINE);
    private static final Pattern WEB = Pattern.compile("^(https?|mailto):.*", Pattern.CASE_INSENSITIVE);
    /** Places outside the repository that earlier versions of these pages pointed at. */
    private static final List<String> OUTSIDE = List.of("shared/contracts", "/work/");

    private final Path root;
    private final Function<Path, String> reader;
    private final Map<Path, Set<String>> anchorsByPage = new HashMap<>();

    DocLinks(Path root, Function<Path, String> reader) {
        this.root = root.toAbsolutePath().normalize();
        this.reader = reader;
    }

    /** Every problem in {@code pages} (paths relative to the root), one readable line each; empty when all is well. */
    List<String> problems(List<Path> pages) {
        List<String> problems = new ArrayList<>();
        for (Path page : pages) {
            String text = reader.apply(root.resolve(page));
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                for (String outside : OUTSIDE) {
                    if (lines[i].contains(outside)) {
                        problems.add(page + ":" + (i + 1) + ": points outside the repository (" + outside + ")");
                    }
                }
            }
            // A link's text may wrap onto the next line, so links are found in the whole page, code left out.
            String prose = withoutCode(lines);
            for (Pattern link : List.of(INLINE_LINK, REFERENCE_LINK)) {
                Matcher m = link.matcher(prose);
                while (m.find()) {
                    String target = m.group(1);
                    String where = page + ":" + lineOf(prose, m.start());
                    check(page, target).ifPresent(problem -> problems.add(where + ": " + target + ": " + problem));
                }
            }
        }
        problems.sort(Comparator.comparing(DocLinks::lineOrder));
        return problems;
    }

    /** The page with fenced blocks blanked and code spans emptied, line for line. */
    private static String withoutCode(String[] lines) {
        StringBuilder prose = new StringBuilder();
        boolean fenced = false;
        for (String line : lines) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                line = "";
            }
            prose.append(fenced ? "" : CODE_SPAN.matcher(line).replaceAll("``")).append('\n');
        }
        return prose.toString();
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** Problems ordered by page, then line number. */
    private static String lineOrder(String problem) {
        String[] parts = problem.split(":", 3);
        return parts[0] + ":" + String.format("%09d", Integer.parseInt(parts[1]));
    }

    private Optional<String> check(Path page, String target) {
        if (WEB.matcher(target).matches()) {
            return Optional.empty();
        }
        if (target.isEmpty()) {
            return Optional.of("empty link");
        }
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? null : target.substring(hash + 1);
        if (file.startsWith("/") || file.contains(":")) {
            return Optional.of("not a path relative to the page");
        }
        Path resolved = file.isEmpty() ? root.resolve(page) : root.resolve(page).getParent().resolve(file).normalize();
        if (!resolved.startsWith(root)) {
            return Optional.of("points outside the repository");
        }
        if (!Files.exists(resolved)) {
            return Optional.of("no such file");
        }
        if (anchor != null) {
            if (!resolved.getFileName().toString().endsWith(".md")) {
                return Optional.of("an anchor into a file that is not markdown");
            }
            if (!anchorsOf(resolved).contains(anchor)) {
                return Optional.of("no heading " + root.relativize(resolved) + " has this anchor");
            }
        }
        return Optional.empty();
    }

    private Set<String> anchorsOf(Path page) {
        return anchorsByPage.computeIfAbsent(page, p -> anchors(reader.apply(p)));
    }

    /** The anchors GitHub gives a page's headings; a repeated heading gets -1, -2, ... */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean fenced = false;
        for (String line : markdown.split("\n")) {
            if (FENCE.matcher(line).find()) {
                fenced = !fenced;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!fenced && heading.matches()) {
                String slug = slug(heading.group(2));
                int repeats = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
            }
        }
        return anchors;
    }

    /** GitHub's heading slug: lower case, punctuation dropped except '-' and '_', each space a '-'. */
    static String slug(String heading) {
        String text = heading.strip().toLowerCase(Locale.ROOT);
        return text.replaceAll("[^\\p{L}\\p{N}\\p{M} _-]", "").replace(' ', '-');
    }
}
