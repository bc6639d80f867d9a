package io.parapet.registry.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ModelRepository extends GenericRepository<ModelEntity, Long> {
    Optional<ModelEntity> findByName(String name);

    Optional<ModelEntity> findByNameForUpdate(String name);

    List<ModelEntity> findAllOrderByName();

    /** Share-locks the named models (in name order, so two lockers never deadlock): their versions wait. */
    @Query("SELECT * FROM model WHERE name IN (:names) ORDER BY name FOR SHARE")
    List<ModelEntity> lockForShare(List<String> names);

    @Query("INSERT INTO model (name, latest_version, created_at, updated_at) VALUES (:name, 0, :at, :at)"
            + " ON CONFLICT DO NOTHING")
    int insertIfAbsent(String name, Instant at);

    @Query("UPDATE model SET latest_version = :latestVersion, updated_at = :at WHERE id = :id")
    void updateLatest(long id, int latestVersion, Instant at);
}
