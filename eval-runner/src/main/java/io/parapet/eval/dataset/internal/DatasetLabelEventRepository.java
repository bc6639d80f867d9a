package io.parapet.eval.dataset.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface DatasetLabelEventRepository extends CrudRepository<DatasetLabelEventEntity, Long> {
    Page<DatasetLabelEventEntity> findByDatasetId(long datasetId, Pageable pageable);
}
