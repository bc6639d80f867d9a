package io.parapet.eval.dataset.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DatasetVersionRepository extends CrudRepository<DatasetVersionEntity, Long> {
    Optional<DatasetVersionEntity> findByDatasetIdAndVersion(long datasetId, int version);

    Optional<DatasetVersionEntity> findFirstByDatasetIdAndContentHashOrderByVersionDesc(
            long datasetId, String contentHash);

    Page<DatasetVersionEntity> findByDatasetId(long datasetId, Pageable pageable);
}
