package io.parapet.eval.dataset;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The upload and download formats of dataset items. Each reads rows one at a time from a stream, so an upload of
 * 100 MB never sits in memory whole; a row that is not an item is reported with its line number, while a file that
 * cannot be read on (an unclosed JSON array, a broken CSV quote) stops the import with a 400 naming the line.
 */
public enum ImportFormat {
    /** One JSON object per line (blank lines are skipped). */
    JSONL,
    /** A header row, then one item per row: {@code id}, {@code expected} (or {@code __expected}), {@code tags}
     * (separated by {@code ;} or {@code ,}), {@code metadata.<key>}; every other column is a variable. */
    CSV,
    /** One JSON array of item objects. */
    JSON;

    /** Receives the rows of an upload as they are read. */
    interface Rows {
        void row(long line, JsonNode row);

        void invalid(long line, String reason);
    }

    public static ImportFormat parse(String name) {
        if (name == null) {
            return JSONL;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ParapetException.invalidField("format", "must be jsonl, csv or json, not '" + Items.cut(name) + "'");
        }
    }

    public String mediaType() {
        return switch (this) {
            case JSONL -> "application/x-ndjson";
            case CSV -> "text/csv";
            case JSON -> "application/json";
        };
    }

    void read(Reader in, Rows rows) {
        try {
            switch (this) {
                case JSONL -> readLines(new BufferedReader(in, 1 << 16), rows);
                case CSV -> readCsv(in, rows);
                case JSON -> readArray(in, rows);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readLines(BufferedReader in, Rows rows) throws IOException {
        long line = 0;
        String text;
        while ((text = in.readLine()) != null) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            if (text.length() > Items.MAX_ITEM_CHARS * 2) {
                rows.invalid(
                        line,
                        "the line is " + text.length() + " characters; an item has at most " + Items.MAX_ITEM_CHARS);
                continue;
            }
            try {
                rows.row(line, Json.mapper().readTree(text));
            } catch (JsonProcessingException e) {
                rows.invalid(line, "not JSON: " + e.getOriginalMessage());
            }
        }
    }

    private static void readCsv(Reader in, Rows rows) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .get();
        try (CSVParser parser = CSVParser.parse(in, format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) {
                throw ParapetException.invalidField("line 1", "a CSV upload starts with a header row");
            }
            for (CSVRecord record : parser) {
                long line = record.getRecordNumber() + 1; // the header is line 1
                if (record.size() != header.size()) {
                    rows.invalid(line, "has " + record.size() + " columns; the header has " + header.size());
                    continue;
                }
                rows.row(line, csvItem(header, record));
            }
        } catch (UncheckedIOException e) {
            // commons-csv reports a broken quote as an UncheckedIOException naming the line.
            throw ParapetException.invalidField(
                    "body", "the CSV cannot be read on: " + e.getCause().getMessage());
        }
    }

    private static JsonNode csvItem(List<String> header, CSVRecord record) {
        ObjectNode item = Json.mapper().createObjectNode();
        ObjectNode variables = item.putObject("variables");
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String value = record.get(i);
            switch (column) {
                case "id" -> item.put("id", value.isEmpty() ? null : value);
                case "expected", "__expected" -> item.put("expected", value);
                case "tags" -> {
                    var tags = item.putArray("tags");
                    for (String tag : value.split("[;,]")) {
                        if (!tag.isBlank()) {
                            tags.add(tag.trim());
                        }
                    }
                }
                default -> {
                    if (column.startsWith("metadata.")) {
                        (item.has("metadata") ? (ObjectNode) item.get("metadata") : item.putObject("metadata"))
                                .put(column.substring("metadata.".length()), value);
                    } else {
                        variables.put(column, value);
                    }
                }
            }
        }
        return item;
    }

    private static void readArray(Reader in, Rows rows) throws IOException {
        try (JsonParser parser = Json.mapper().getFactory().createParser(in)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw ParapetException.invalidField("body", "a JSON upload is one array of item objects");
            }
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                long line = parser.currentTokenLocation().getLineNr();
                if (parser.currentToken() == null) {
                    throw ParapetException.invalidField("line " + line, "the JSON array is not closed");
                }
                rows.row(line, parser.readValueAsTree());
            }
        } catch (JsonProcessingException e) {
            throw ParapetException.invalidField(
                    "line " + e.getLocation().getLineNr(), "not JSON: " + e.getOriginalMessage());
        }
    }
}
