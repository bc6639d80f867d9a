package io.parapet.eval.dataset;

import io.parapet.core.ParapetException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The next {@code lines} non-blank lines of a bundle as a reader of their own, so one version's items are staged
 * by the same JSONL reader an import uses, and the stream stops exactly where the next version begins.
 */
final class LineSection extends Reader {
    private final BufferedReader in;
    private final String section;
    private int left;
    private String current = "";
    private int at;

    LineSection(BufferedReader in, int lines, String section) {
        this.in = in;
        this.left = lines;
        this.section = section;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        while (at == current.length()) {
            if (left == 0) {
                return -1;
            }
            String line = in.readLine();
            if (line == null) {
                throw ParapetException.invalidField(
                        "body", "the bundle ends inside " + section + ": " + left + " more item line(s) were promised");
            }
            if (line.isBlank()) {
                continue;
            }
            current = line + "\n";
            at = 0;
            left--;
        }
        int n = Math.min(length, current.length() - at);
        current.getChars(at, at + n, buffer, offset);
        at += n;
        return n;
    }

    @Override
    public void close() {
        // the bundle's reader stays open for the next section
    }
}
