package io.parapet.eval.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.data.model.Sort;
import io.parapet.core.Actor;
import io.parapet.core.FieldError;
import io.parapet.core.Json;
import io.parapet.core.Page;
import io.parapet.core.PageRequest;
import io.parapet.core.ParapetException;
import io.parapet.core.Role;
import io.parapet.eval.dataset.internal.DatasetEntity;
import io.parapet.eval.dataset.internal.DatasetLabelEntity;
import io.parapet.eval.dataset.internal.DatasetLabelRepository;
import io.parapet.eval.dataset.internal.DatasetRepository;
import io.parapet.eval.dataset.internal.DatasetVersionEntity;
import io.parapet.eval.dataset.internal.DatasetVersionRepository;
import io.parapet.eval.dataset.internal.ItemTable;
import io.parapet.registry.Names;
import io.parapet.registry.Saved;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.Reader;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluation datasets: immutable, content-addressed versions of items (uploading the same items again returns the
 * existing version), movable labels, paged items, and imports that either store every row or, with
 * {@code skipInvalid}, every valid one, reporting the others by line.
 */
@Singleton
public class DatasetService {
    private final DatasetStore store;
    private final DatasetRepository datasets;
    private final DatasetVersionRepository versions;
    private final DatasetLabelRepository labels;
    private final ItemTable items;
    private final DatasetConfig config;

    DatasetService(
            DatasetStore store,
            DatasetRepository datasets,
            DatasetVersionRepository versions,
            DatasetLabelRepository labels,
            ItemTable items,
            DatasetConfig config) {
        this.store = store;
        this.datasets = datasets;
        this.versions = versions;
        this.labels = labels;
        this.items = items;
        this.config = config;
    }

    /** What an import is asked to do besides reading its rows. */
    public record ImportOptions(boolean skipInvalid, String commitMessage, String description) {}

    /** Reads an upload as it streams in; the version is made only when every row is an item, or skipInvalid. */
    public ImportResult importItems(String name, ImportFormat format, Reader body, ImportOptions options, Actor actor) {
        actor.require(Role.EDITOR, "import datasets");
        Names.checkPrompt(name, "name");
        String message = checkMessage(options.commitMessage());
        try (StagedItems staged = StagedItems.read(format, body, config.maxItems())) {
            if (staged.invalidCount() > 0 && !options.skipInvalid()) {
                throw ParapetException.invalid(
                        staged.invalidCount() + " of " + (staged.count() + staged.invalidCount())
                                + " rows are not valid items, so nothing was stored; fix them or pass"
                                + " skipInvalid=true to store the valid rows",
                        staged.errors().stream()
                                .map(e -> new FieldError("line " + e.line(), e.reason()))
                                .toArray(FieldError[]::new));
            }
            if (staged.count() == 0) {
                throw ParapetException.invalidField("body", "holds no items");
            }
            Saved<DatasetVersionEntity> saved = store.storeVersion(name, options.description(), staged, message, actor);
            return new ImportResult(
                    toVersion(name, saved.value()),
                    saved.created(),
                    staged.count(),
                    staged.invalidCount(),
                    staged.errors());
        }
    }

    /** A version from items given in a JSON request (small datasets and tests); larger ones use an import. */
    public ImportResult create(String name, List<JsonNode> rows, ImportOptions options, Actor actor) {
        if (rows == null) {
            throw ParapetException.invalidField("items", "is required: an array of items");
        }
        return importItems(name, ImportFormat.JSON, new StringReader(Json.write(rows)), options, actor);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DatasetSummary> list(String query, PageRequest page) {
        String like = "%" + (query == null ? "" : query.replace("%", "").replace("_", "\\_")) + "%";
        return Page.of(datasets.findByNameLike(like, page.pageable(Sort.of(Sort.Order.asc("name")))))
                .map(this::toSummary);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public DatasetSummary get(String name) {
        return toSummary(dataset(name));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<DatasetVersion> versions(String name, PageRequest page) {
        DatasetEntity dataset = dataset(name);
        return Page.of(versions.findByDatasetId(dataset.id(), page.pageable(Sort.of(Sort.Order.desc("version")))))
                .map(v -> toVersion(name, v));
    }

    /** The version {@code ref} names: a number, a label, or {@code latest} (also when ref is null). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public DatasetVersion resolve(String name, String ref) {
        return toVersion(name, versionRow(dataset(name), ref));
    }

    /** A dataset version opened for reading its items in order, as a run does. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Opened open(String name, String ref) {
        DatasetVersionEntity row = versionRow(dataset(name), ref);
        return new Opened(toVersion(name, row), row.id());
    }

    /** As {@link #open(String, String)} from one reference: {@code name}, {@code name@label} or {@code name#3}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Opened openRef(String ref, String field) {
        if (ref == null || ref.isBlank()) {
            throw ParapetException.invalidField(field, "is required: name, name@label or name#version");
        }
        int cut = Math.max(ref.lastIndexOf('#'), ref.lastIndexOf('@'));
        return cut > 0 ? open(ref.substring(0, cut), ref.substring(cut + 1)) : open(ref, null);
    }

    /** A resolved version and its row id, which item pages are read by. */
    public record Opened(DatasetVersion version, long versionId) {}

    /** One item with its position in the version (0-based). */
    public record Positioned(int position, DatasetItem item) {}

    /** Up to {@code limit} items from {@code fromPosition} on. */
    @Transactional
    public List<Positioned> page(long versionId, int fromPosition, int limit) {
        return items.page(versionId, fromPosition, limit).stream()
                .map(r -> new Positioned(r.position(), toItem(r.itemId(), r.content())))
                .toList();
    }

    /** Every item of a version in order, read a page at a time (memory holds one page, not the version). */
    public void each(long versionId, java.util.function.Consumer<Positioned> consumer) {
        for (int from = 0; ; ) {
            List<Positioned> page = page(versionId, from, EACH_PAGE);
            page.forEach(consumer);
            if (page.size() < EACH_PAGE) {
                return;
            }
            from = page.get(page.size() - 1).position() + 1;
        }
    }

    private static final int EACH_PAGE = 500;

    @Transactional
    public Page<DatasetItem> items(String name, String ref, PageRequest page) {
        DatasetVersionEntity row = versionRow(dataset(name), ref);
        List<DatasetItem> found = page(row.id(), page.page() * page.size(), page.size()).stream()
                .map(Positioned::item)
                .toList();
        return new Page<>(found, page.page(), page.size(), row.itemCount());
    }

    public DatasetLabel setLabel(String name, String label, int version, Integer ifMatch, Actor actor) {
        actor.require(Role.EDITOR, "move dataset labels");
        Names.checkLabel(label, "label");
        if (Names.LATEST.equals(label)) {
            throw ParapetException.invalidField("label", "'latest' always points at the newest version");
        }
        return toLabel(store.setLabel(Names.checkPrompt(name, "name"), label, version, ifMatch, actor));
    }

    /** The dataset's labels with their revisions (what an If-Match must carry to move one). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<DatasetLabel> labels(String name) {
        return labels.findByDatasetIdOrderByName(dataset(name).id()).stream()
                .map(DatasetService::toLabel)
                .toList();
    }

    /** The item as stored (its canonical JSON) read back. */
    static DatasetItem toItem(String id, String content) {
        JsonNode node = Json.read(content);
        return new DatasetItem(
                id,
                Json.mapper().convertValue(node.get("variables"), MAP),
                node.has("messages") ? Json.mapper().convertValue(node.get("messages"), MESSAGES) : null,
                node.has("expected") ? Json.mapper().convertValue(node.get("expected"), Object.class) : null,
                node.has("metadata") ? Json.mapper().convertValue(node.get("metadata"), MAP) : null,
                node.has("tags") ? Json.mapper().convertValue(node.get("tags"), TAGS) : null);
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> MAP =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};
    private static final com.fasterxml.jackson.core.type.TypeReference<List<io.parapet.registry.Message>> MESSAGES =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};
    private static final com.fasterxml.jackson.core.type.TypeReference<List<String>> TAGS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {};

    private DatasetEntity dataset(String name) {
        return datasets.findByName(Names.checkPrompt(name, "dataset"))
                .orElseThrow(() -> ParapetException.notFound("dataset '" + name + "' does not exist"));
    }

    private DatasetVersionEntity versionRow(DatasetEntity dataset, String ref) {
        int version;
        if (ref == null || ref.isBlank() || Names.LATEST.equals(ref)) {
            version = dataset.latestVersion();
        } else if (ref.matches("[1-9][0-9]{0,8}")) {
            version = Integer.parseInt(ref);
        } else {
            Names.checkLabel(ref, "version");
            version = labels.findByDatasetIdAndName(dataset.id(), ref)
                    .orElseThrow(() ->
                            ParapetException.notFound("dataset '" + dataset.name() + "' has no label '" + ref + "'"))
                    .version();
        }
        int wanted = version;
        return versions.findByDatasetIdAndVersion(dataset.id(), version)
                .orElseThrow(() -> ParapetException.notFound("dataset '" + dataset.name() + "' has no version " + wanted
                        + " (latest is " + dataset.latestVersion() + ")"));
    }

    private DatasetSummary toSummary(DatasetEntity d) {
        Map<String, Integer> pointers = new LinkedHashMap<>();
        for (DatasetLabelEntity l : labels.findByDatasetIdOrderByName(d.id())) {
            pointers.put(l.name(), l.version());
        }
        return new DatasetSummary(d.name(), d.description(), d.latestVersion(), pointers, d.updatedAt());
    }

    private static DatasetVersion toVersion(String name, DatasetVersionEntity v) {
        return new DatasetVersion(
                name, v.version(), v.contentHash(), v.itemCount(), v.commitMessage(), v.author(), v.createdAt());
    }

    private static DatasetLabel toLabel(DatasetLabelEntity l) {
        return new DatasetLabel(l.name(), l.version(), l.revision(), l.updatedAt(), l.updatedBy());
    }

    private static String checkMessage(String message) {
        if (message == null || message.isBlank()) {
            return "import";
        }
        if (message.length() > 2000) {
            throw ParapetException.invalidField("commitMessage", "has at most 2000 characters");
        }
        return message;
    }
}
