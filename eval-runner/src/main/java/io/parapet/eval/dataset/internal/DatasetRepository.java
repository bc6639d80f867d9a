package io.parapet.eval.dataset.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DatasetRepository extends CrudRepository<DatasetEntity, Long> {
    Optional<DatasetEntity> findByName(String name);

    /** Locks the dataset row: version numbering and label moves of one dataset are serialised on it. */
    Optional<DatasetEntity> findByNameForUpdate(String name);

    @Query("INSERT INTO dataset (name, description, latest_version, created_at, updated_at)"
            + " VALUES (:name, :description, 0, :at, :at) ON CONFLICT DO NOTHING")
    int insertIfAbsent(String name, @Nullable String description, Instant at);

    @Query("UPDATE dataset SET latest_version = :latestVersion, updated_at = :at WHERE id = :id")
    void updateLatest(long id, int latestVersion, Instant at);

    Page<DatasetEntity> findByNameLike(String name, Pageable pageable);
}
