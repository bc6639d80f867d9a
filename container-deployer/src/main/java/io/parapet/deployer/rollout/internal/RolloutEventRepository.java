package io.parapet.deployer.rollout.internal;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;

/** Rollout history is append-only. */
@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RolloutEventRepository extends GenericRepository<RolloutEventEntity, Long> {
    RolloutEventEntity save(RolloutEventEntity event);

    List<RolloutEventEntity> findByRolloutIdOrderById(long rolloutId);
}
