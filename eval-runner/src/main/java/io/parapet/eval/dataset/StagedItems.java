package io.parapet.eval.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.ParapetException;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Items checked and written to a private temporary file before anything touches the database: the version's content
 * hash is known before its row is written (versions are immutable), every invalid row is known before deciding
 * whether to store any, and memory holds one row plus the set of item ids, not the upload.
 */
final class StagedItems implements AutoCloseable, ImportFormat.Rows {
    static final int MAX_REPORTED_ERRORS = 100;

    private final Path file;
    private final BufferedWriter out;
    private final MessageDigest digest;
    private final Set<String> ids = new HashSet<>();
    private final List<ImportResult.RowError> errors = new ArrayList<>();
    private final int maxItems;
    private int count;
    private int invalid;

    StagedItems(int maxItems) {
        this.maxItems = maxItems;
        try {
            file = Files.createTempFile("parapet-dataset-", ".staged");
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            digest = MessageDigest.getInstance("SHA-256");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    static StagedItems read(ImportFormat format, Reader in, int maxItems) {
        StagedItems staged = new StagedItems(maxItems);
        try {
            format.read(in, staged);
            return staged;
        } catch (RuntimeException e) {
            staged.close();
            throw e;
        }
    }

    @Override
    public void row(long line, JsonNode row) {
        Items.Checked item;
        try {
            item = Items.check(row);
        } catch (Items.Invalid e) {
            invalid(line, e.getMessage());
            return;
        }
        String id = item.storedId();
        if (!ids.add(id)) {
            invalid(line, "id '" + id + "' is used by an earlier row" + (item.id() == null ? " (same content)" : ""));
            return;
        }
        if (count == maxItems) {
            throw ParapetException.invalidField(
                    "line " + line, "a dataset version holds at most " + maxItems + " items");
        }
        String stored = id + "\t" + item.canonical();
        digest.update(stored.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) '\n');
        try {
            out.write(stored);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        count++;
    }

    @Override
    public void invalid(long line, String reason) {
        invalid++;
        if (errors.size() < MAX_REPORTED_ERRORS) {
            errors.add(new ImportResult.RowError(line, reason));
        }
    }

    int count() {
        return count;
    }

    int invalidCount() {
        return invalid;
    }

    List<ImportResult.RowError> errors() {
        return List.copyOf(errors);
    }

    String contentHash() {
        return HexFormat.of().formatHex(digest.digest());
    }

    /** The staged lines, {@code <id>\t<canonical json>}, in upload order. */
    BufferedReader lines() {
        try {
            out.flush();
            return Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
