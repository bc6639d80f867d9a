package io.parapet.eval.dataset;

import io.parapet.core.Json;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A dataset version written in an import format, one page of items per chunk, produced only as the reader asks
 * for it (a slow download holds one page, not the dataset). What is exported as JSONL or JSON imports back to the
 * same version; CSV keeps text only, and reads the version once first for its columns (the variable names).
 */
@Singleton
public class DatasetExport {
    static final int PAGE = 1000;
    private final DatasetService datasets;

    DatasetExport(DatasetService datasets) {
        this.datasets = datasets;
    }

    public Iterable<String> chunks(DatasetService.Opened opened, ImportFormat format) {
        return () -> new Chunks(opened, format);
    }

    private final class Chunks implements Iterator<String> {
        private final DatasetService.Opened opened;
        private final ImportFormat format;
        private List<String> columns;
        private int from;
        private boolean started;
        private boolean ended;

        Chunks(DatasetService.Opened opened, ImportFormat format) {
            this.opened = opened;
            this.format = format;
        }

        @Override
        public boolean hasNext() {
            return !ended;
        }

        @Override
        public String next() {
            if (ended) {
                throw new NoSuchElementException();
            }
            StringBuilder chunk = new StringBuilder();
            if (!started) {
                started = true;
                chunk.append(format == ImportFormat.JSON ? "[" : format == ImportFormat.CSV ? header() : "");
            }
            List<DatasetService.Positioned> page = from < 0 ? List.of() : datasets.page(opened.versionId(), from, PAGE);
            for (DatasetService.Positioned p : page) {
                switch (format) {
                    case JSONL -> chunk.append(Json.write(p.item())).append('\n');
                    case JSON -> chunk.append(p.position() == 0 ? "\n" : ",\n").append(Json.write(p.item()));
                    case CSV -> chunk.append(csvRow(p.item()));
                }
            }
            if (page.size() < PAGE) {
                ended = true;
                if (format == ImportFormat.JSON) {
                    chunk.append("\n]\n");
                }
            } else {
                from = page.get(page.size() - 1).position() + 1;
            }
            return chunk.toString();
        }

        private String header() {
            TreeSet<String> variables = new TreeSet<>();
            TreeSet<String> metadata = new TreeSet<>();
            datasets.each(opened.versionId(), p -> {
                variables.addAll(p.item().variables().keySet());
                if (p.item().metadata() != null) {
                    metadata.addAll(p.item().metadata().keySet());
                }
            });
            columns = new ArrayList<>(List.of("id"));
            columns.addAll(variables);
            columns.add("expected");
            columns.add("tags");
            metadata.forEach(key -> columns.add("metadata." + key));
            return print(columns);
        }

        private String csvRow(DatasetItem item) {
            List<String> row = new ArrayList<>();
            Map<String, Object> meta = item.metadata() == null ? Map.of() : item.metadata();
            for (String column : columns) {
                row.add(
                        switch (column) {
                            case "id" -> item.id();
                            case "expected" -> text(item.expected());
                            case "tags" -> item.tags() == null ? "" : String.join(";", item.tags());
                            default ->
                                column.startsWith("metadata.")
                                        ? text(meta.get(column.substring("metadata.".length())))
                                        : text(item.variables().get(column));
                        });
            }
            return print(row);
        }
    }

    private static String print(List<String> values) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            printer.printRecord(values);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return "";
        }
        return value instanceof String s ? s : Json.write(value);
    }
}
