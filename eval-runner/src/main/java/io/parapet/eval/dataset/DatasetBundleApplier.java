package io.parapet.eval.dataset;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.parapet.core.Actor;
import io.parapet.core.FieldError;
import io.parapet.core.Json;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.eval.dataset.internal.DatasetVersionEntity;
import io.parapet.registry.Names;
import io.parapet.registry.Saved;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a dataset bundle in one transaction: every version is staged and stored (or found) and every label moved,
 * or, at the first problem, nothing is. A dry run does the same and rolls back, so it reports exactly what a real
 * apply would change.
 */
@Singleton
class DatasetBundleApplier {
    static final int MAX_HEADER_CHARS = 1_000_000;

    private final DatasetStore store;
    private final DatasetService datasets;
    private final DatasetConfig config;

    DatasetBundleApplier(DatasetStore store, DatasetService datasets, DatasetConfig config) {
        this.store = store;
        this.datasets = datasets;
        this.config = config;
    }

    /** Thrown at the end of a dry run to roll its writes back, carrying what they were. */
    static final class DryRunFinished extends RuntimeException {
        final List<DatasetBundle.Change> changes;

        DryRunFinished(List<DatasetBundle.Change> changes) {
            super("dry run", null, false, false);
            this.changes = changes;
        }
    }

    @Transactional
    List<DatasetBundle.Change> apply(String name, BufferedReader in, boolean dryRun, Actor actor) {
        actor.require(Role.EDITOR, "apply dataset bundles");
        Names.checkPrompt(name, "name");
        DatasetBundle header = header(in);
        List<DatasetBundle.Change> changes = new ArrayList<>();
        Map<Integer, Integer> stored = new HashMap<>();
        for (DatasetBundle.Version v : header.versions()) {
            String section = "version " + v.version();
            try (StagedItems staged =
                    StagedItems.read(ImportFormat.JSONL, new LineSection(in, v.items(), section), config.maxItems())) {
                if (staged.invalidCount() > 0) {
                    throw ParapetException.invalid(
                            staged.invalidCount() + " item(s) of " + section + " are not valid items",
                            staged.errors().stream()
                                    .map(e -> new FieldError(section + " item " + e.line(), e.reason()))
                                    .toArray(FieldError[]::new));
                }
                Saved<DatasetVersionEntity> saved =
                        store.storeVersion(name, header.description(), staged, message(v), actor);
                stored.put(v.version(), saved.value().version());
                if (saved.created()) {
                    changes.add(new DatasetBundle.Change(
                            "dataset.version.create",
                            name + "#" + saved.value().version(),
                            staged.count() + " items (bundle " + section + ")"));
                }
            }
        }
        rest(in);
        Map<String, DatasetLabel> current = new HashMap<>();
        datasets.labels(name).forEach(l -> current.put(l.name(), l));
        Map<String, Integer> labels = header.labels() == null ? Map.of() : header.labels();
        for (Map.Entry<String, Integer> label : labels.entrySet()) {
            int target = stored.get(label.getValue());
            DatasetLabel now = current.get(label.getKey());
            if (now != null && now.version() == target) {
                continue;
            }
            datasets.setLabel(name, label.getKey(), target, now == null ? null : now.revision(), actor);
            changes.add(new DatasetBundle.Change(
                    "dataset.label.move",
                    name + "@" + label.getKey(),
                    (now == null ? "new" : "#" + now.version()) + " → #" + target));
        }
        if (dryRun) {
            throw new DryRunFinished(changes);
        }
        return changes;
    }

    private static String message(DatasetBundle.Version v) {
        return v.commitMessage() == null || v.commitMessage().isBlank()
                ? "from a bundle (version " + v.version() + ")"
                : v.commitMessage();
    }

    /** The first line, read with a bound (a header is small; a 100 MB first line is not one). */
    private static DatasetBundle header(BufferedReader in) {
        StringBuilder line = new StringBuilder();
        try {
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                if (line.length() == MAX_HEADER_CHARS) {
                    throw ParapetException.invalidField(
                            "line 1", "the bundle header is longer than " + MAX_HEADER_CHARS + " characters");
                }
                line.append((char) c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DatasetBundle header;
        try {
            header = Json.mapper().readValue(line.toString(), DatasetBundle.class);
        } catch (JsonProcessingException e) {
            throw ParapetException.invalidField(
                    "line 1",
                    "the first line is the bundle header {apiVersion, kind, name, versions, labels}: "
                            + e.getOriginalMessage());
        }
        if (header == null) {
            throw ParapetException.invalidField(
                    "line 1", "the first line is the bundle header {apiVersion, kind, name, versions, labels}");
        }
        check(header);
        return header;
    }

    private static void check(DatasetBundle h) {
        List<FieldError> errors = new ArrayList<>();
        if (!DatasetBundle.API_VERSION.equals(h.apiVersion())) {
            errors.add(new FieldError("apiVersion", "must be " + DatasetBundle.API_VERSION));
        }
        if (!DatasetBundle.KIND.equals(h.kind())) {
            errors.add(new FieldError("kind", "must be " + DatasetBundle.KIND));
        }
        Set<Integer> numbers = new HashSet<>();
        if (h.versions() == null || h.versions().isEmpty() || h.versions().size() > DatasetBundle.MAX_VERSIONS) {
            errors.add(new FieldError("versions", "must list 1 to " + DatasetBundle.MAX_VERSIONS + " versions"));
        } else {
            for (int i = 0; i < h.versions().size(); i++) {
                DatasetBundle.Version v = h.versions().get(i);
                if (v == null || v.items() < 1 || !numbers.add(v.version())) {
                    errors.add(new FieldError(
                            "versions[" + i + "]", "needs a version number of its own and at least 1 item"));
                }
            }
        }
        if (h.labels() != null) {
            for (Map.Entry<String, Integer> l : h.labels().entrySet()) {
                if (l.getValue() == null || !numbers.contains(l.getValue())) {
                    errors.add(new FieldError("labels." + l.getKey(), "must name a version the bundle lists"));
                } else if (!l.getKey().matches("[a-z0-9][a-z0-9_.-]{0,35}")
                        || l.getKey().equals(Names.LATEST)) {
                    errors.add(new FieldError("labels." + l.getKey(), "is not a label name"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ParapetException.invalid("the bundle header is not valid", errors.toArray(FieldError[]::new));
        }
    }

    /** After the last version only blank lines may follow: more items mean a count in the header is wrong. */
    private static void rest(BufferedReader in) {
        try {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    throw ParapetException.invalidField(
                            "body", "lines follow the last version: the item counts in the header are too small");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
