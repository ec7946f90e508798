package org.returnsbridge.reconciliation;

import java.util.ArrayList;
import java.util.List;

/**
 * The report as CSV for finance: one row per finding, a header row, comma separated, every field quoted
 * as RFC 4180 says when it needs to be, UTF-8. Opens as-is in a spreadsheet, and parses back.
 */
public final class FindingsCsv {

    static final List<String> HEADER = List.of("kind", "return_id", "refund_id", "item_id", "sku", "warehouse_id",
            "reveni_value", "sitoo_value", "suggested_action");

    private FindingsCsv() {}

    public static String write(List<Finding> findings) {
        StringBuilder csv = new StringBuilder(header());
        findings.forEach(f -> csv.append(row(f)));
        return csv.toString();
    }

    /** The header row, for a report written a finding at a time. */
    static String header() {
        return row(HEADER);
    }

    /** One finding's row, line end included. */
    static String row(Finding f) {
        return row(List.of(f.kind(), nz(f.returnId()), nz(f.refundId()), nz(f.itemId()), nz(f.sku()),
                f.warehouseId() == null ? "" : f.warehouseId().toString(), nz(f.reveniValue()), nz(f.sitooValue()),
                nz(f.suggestedAction())));
    }

    public static List<Finding> read(String csv) {
        List<List<String>> rows = parse(csv);
        if (rows.isEmpty() || !rows.get(0).equals(HEADER)) {
            throw new IllegalArgumentException("not a findings CSV: the header must be " + HEADER);
        }
        List<Finding> findings = new ArrayList<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            findings.add(new Finding(r.get(0), blank(r.get(1)), blank(r.get(2)), blank(r.get(3)), blank(r.get(4)),
                    r.get(5).isEmpty() ? null : Integer.valueOf(r.get(5)), blank(r.get(6)), blank(r.get(7)), blank(r.get(8))));
        }
        return findings;
    }

    private static String row(List<String> fields) {
        List<String> quoted = new ArrayList<>();
        for (String field : fields) {
            boolean needsQuotes = field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r");
            quoted.add(needsQuotes ? "\"" + field.replace("\"", "\"\"") + "\"" : field);
        }
        return String.join(",", quoted) + "\r\n";
    }

    private static List<List<String>> parse(String csv) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blank(String s) {
        return s.isEmpty() ? null : s;
    }
}
