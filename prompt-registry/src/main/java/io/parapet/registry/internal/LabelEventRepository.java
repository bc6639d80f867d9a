package io.parapet.registry.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** Label history is append-only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface LabelEventRepository extends GenericRepository<LabelEventEntity, Long> {
    LabelEventEntity save(LabelEventEntity event);

    Page<LabelEventEntity> findByPromptId(long promptId, Pageable pageable);

    Page<LabelEventEntity> findByPromptIdAndLabel(long promptId, String label, Pageable pageable);
}
