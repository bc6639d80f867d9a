package io.parapet.registry.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/** Model versions are append-only: insert and read only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ModelVersionRepository extends GenericRepository<ModelVersionEntity, Long> {
    ModelVersionEntity save(ModelVersionEntity version);

    Optional<ModelVersionEntity> findByModelIdAndVersion(long modelId, int version);

    Page<ModelVersionEntity> findByModelId(long modelId, Pageable pageable);
}
