package io.parapet.eval.dataset.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DatasetLabelRepository extends CrudRepository<DatasetLabelEntity, Long> {
    Optional<DatasetLabelEntity> findByDatasetIdAndName(long datasetId, String name);

    List<DatasetLabelEntity> findByDatasetIdOrderByName(long datasetId);

    /** Compare-and-set on the revision: returns 0 when someone else moved the label first. */
    @Query("UPDATE dataset_label SET version = :version, revision = revision + 1, updated_at = :at, updated_by = :by"
            + " WHERE dataset_id = :datasetId AND name = :name AND revision = :revision")
    int move(long datasetId, String name, int version, int revision, Instant at, String by);
}
