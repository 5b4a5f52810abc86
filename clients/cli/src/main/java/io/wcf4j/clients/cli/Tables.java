package io.wcf4j.clients.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Plain-text tables for the terminal. */
final class Tables {
    private Tables() {
    }

    static String render(List<List<String>> rows) {
        int columns = rows.get(0).size();
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                sb.append(i == columns - 1 ? row.get(i) : String.format("%-" + (width[i] + 2) + "s", row.get(i)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** A JSON value as a table: an object is one row, an array of objects one row each; nested values stay JSON. */
    static String render(JsonNode value) {
        List<JsonNode> items = new ArrayList<>();
        JsonNode v = value;
        // a wrapper whose one list field holds the rows (a statement's entries) shows those rows
        if (v.isObject()) {
            for (Iterator<JsonNode> it = v.values().iterator(); it.hasNext(); ) {
                JsonNode field = it.next();
                if (field.isArray() && field.size() > 0 && field.get(0).isObject()) {
                    v = field;
                    break;
                }
            }
        }
        if (v.isArray()) {
            v.forEach(items::add);
        } else {
            items.add(v);
        }
        Set<String> columns = new LinkedHashSet<>();
        for (JsonNode item : items) {
            if (!item.isObject()) {
                return value.toString() + System.lineSeparator();
            }
            columns.addAll(item.propertyNames());
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(new ArrayList<>(columns));
        for (JsonNode item : items) {
            List<String> row = new ArrayList<>();
            for (String c : columns) {
                JsonNode cell = item.get(c);
                row.add(cell == null || cell.isNull() ? "" : cell.isValueNode() ? cell.asString() : cell.toString());
            }
            rows.add(row);
        }
        return render(rows);
    }
}
