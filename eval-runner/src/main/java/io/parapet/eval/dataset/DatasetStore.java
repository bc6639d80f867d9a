package io.parapet.eval.dataset;

import io.parapet.core.Actor;
import io.parapet.core.ParapetException;
import io.parapet.core.Problem;
import io.parapet.core.audit.AuditLog;
import io.parapet.eval.dataset.internal.DatasetEntity;
import io.parapet.eval.dataset.internal.DatasetLabelEntity;
import io.parapet.eval.dataset.internal.DatasetLabelEventEntity;
import io.parapet.eval.dataset.internal.DatasetLabelEventRepository;
import io.parapet.eval.dataset.internal.DatasetLabelRepository;
import io.parapet.eval.dataset.internal.DatasetRepository;
import io.parapet.eval.dataset.internal.DatasetVersionEntity;
import io.parapet.eval.dataset.internal.DatasetVersionRepository;
import io.parapet.eval.dataset.internal.ItemTable;
import io.parapet.registry.Saved;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The writes of datasets, each one transaction on the locked dataset row: a new version (or the identical one that
 * exists), and label moves compared on their revision. Every write is audited in its own transaction.
 */
@Singleton
class DatasetStore {
    private final DatasetRepository datasets;
    private final DatasetVersionRepository versions;
    private final DatasetLabelRepository labels;
    private final DatasetLabelEventRepository labelEvents;
    private final ItemTable items;
    private final AuditLog audit;
    private final Clock clock;

    DatasetStore(
            DatasetRepository datasets,
            DatasetVersionRepository versions,
            DatasetLabelRepository labels,
            DatasetLabelEventRepository labelEvents,
            ItemTable items,
            AuditLog audit,
            Clock clock) {
        this.datasets = datasets;
        this.versions = versions;
        this.labels = labels;
        this.labelEvents = labelEvents;
        this.items = items;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    Saved<DatasetVersionEntity> storeVersion(
            String name, String description, StagedItems staged, String commitMessage, Actor actor) {
        Instant now = clock.instant();
        datasets.insertIfAbsent(name, description, now);
        DatasetEntity dataset = lock(name);
        String hash = staged.contentHash();
        Optional<DatasetVersionEntity> same =
                versions.findFirstByDatasetIdAndContentHashOrderByVersionDesc(dataset.id(), hash);
        if (same.isPresent()) {
            return new Saved<>(same.get(), false);
        }
        int version = dataset.latestVersion() + 1;
        DatasetVersionEntity saved = versions.save(new DatasetVersionEntity(
                null, dataset.id(), version, hash, staged.count(), commitMessage, actor.name(), now));
        try (BufferedReader lines = staged.lines()) {
            items.insert(saved.id(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        datasets.updateLatest(dataset.id(), version, now);
        audit.record(
                actor,
                "dataset.version.create",
                "dataset",
                name + "#" + version,
                null,
                hash,
                staged.count() + " items: " + commitMessage);
        return new Saved<>(saved, true);
    }

    /** Points {@code label} at {@code version}; {@code ifMatch} null creates only, as prompt labels do. */
    @Transactional
    DatasetLabelEntity setLabel(String name, String label, int version, Integer ifMatch, Actor actor) {
        DatasetEntity dataset = lock(name);
        DatasetVersionEntity target = versions.findByDatasetIdAndVersion(dataset.id(), version)
                .orElseThrow(() -> ParapetException.notFound("dataset '" + name + "' has no version " + version
                        + " (latest is " + dataset.latestVersion() + ")"));
        Optional<DatasetLabelEntity> current = labels.findByDatasetIdAndName(dataset.id(), label);
        Instant now = clock.instant();
        Integer from = current.map(DatasetLabelEntity::version).orElse(null);
        DatasetLabelEntity saved;
        if (current.isEmpty()) {
            if (ifMatch != null) {
                throw new ParapetException(
                        Problem.PRECONDITION_FAILED,
                        "label '" + label + "' of dataset '" + name
                                + "' does not exist; send no If-Match to create it");
            }
            saved = labels.save(new DatasetLabelEntity(null, dataset.id(), label, version, 1, now, actor.name()));
        } else {
            DatasetLabelEntity old = current.get();
            if (ifMatch == null || ifMatch != old.revision()) {
                throw new ParapetException(
                        ifMatch == null ? Problem.PRECONDITION_REQUIRED : Problem.PRECONDITION_FAILED,
                        "label '" + label + "' of dataset '" + name + "' is at revision " + old.revision()
                                + "; send If-Match: " + old.revision() + " (after a reload) to move it");
            }
            if (old.version() == version) {
                return old;
            }
            if (labels.move(dataset.id(), label, version, old.revision(), now, actor.name()) != 1) {
                throw new ParapetException(
                        Problem.PRECONDITION_FAILED, "label '" + label + "' was moved concurrently; reload and retry");
            }
            saved = new DatasetLabelEntity(
                    old.id(), dataset.id(), label, version, old.revision() + 1, now, actor.name());
        }
        labelEvents.save(new DatasetLabelEventEntity(
                null, dataset.id(), label, from, version, saved.revision(), actor.name(), now));
        audit.record(
                actor,
                "dataset.label.move",
                "dataset",
                name + "@" + label,
                null,
                target.contentHash(),
                (from == null ? "created at version " : "moved from version " + from + " to ") + version);
        return saved;
    }

    private DatasetEntity lock(String name) {
        return datasets.findByNameForUpdate(name)
                .orElseThrow(() -> ParapetException.notFound("dataset '" + name + "' does not exist"));
    }
}
