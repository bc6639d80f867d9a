package io.parapet.guardrails.training;

import com.fasterxml.jackson.databind.JsonNode;
import io.parapet.core.Json;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reads the files of {@code ../shared/corpora} and remembers the SHA-256 of each: the provenance of the weights. */
final class CorpusFiles {
    private final Path dir;
    private final Map<String, String> hashes = new LinkedHashMap<>();

    CorpusFiles(Path dir) {
        this.dir = dir;
    }

    /** File name → SHA-256 of every file read so far. */
    Map<String, String> hashes() {
        return hashes;
    }

    JsonNode json(String file) throws IOException {
        return Json.read(Files.readString(read(file)));
    }

    List<String> lines(String file) throws IOException {
        return Files.readAllLines(read(file));
    }

    List<CSVRecord> csv(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(read(file))) {
            return CSVFormat.DEFAULT
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .setAllowMissingColumnNames(true)
                    .get()
                    .parse(reader)
                    .getRecords();
        }
    }

    private Path read(String file) throws IOException {
        Path path = dir.resolve(file);
        if (!hashes.containsKey(file)) {
            try {
                hashes.put(
                        file,
                        HexFormat.of()
                                .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path))));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
        return path;
    }
}
