package io.parapet.deployer.rollout.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RolloutRepository extends CrudRepository<RolloutEntity, Long> {
    String FILTER = " FROM deploy_rollout WHERE (:prompt = '' OR prompt = :prompt) AND (:state = '' OR state = :state)";

    @Query(value = "SELECT *" + FILTER, countQuery = "SELECT COUNT(*)" + FILTER, nativeQuery = true)
    Page<RolloutEntity> search(String prompt, String state, Pageable pageable);

    List<RolloutEntity> findByState(String state);

    Optional<RolloutEntity> findByActiveKey(String activeKey);

    /**
     * Moves a rollout only from the revision the caller read, so of two publishers (or a publisher and the
     * automatic analysis) acting at once exactly one wins. {@code activeKey} null ends it.
     */
    @Query("UPDATE deploy_rollout SET step = :step, step_started_at = :stepStartedAt, state = :state,"
            + " reason = :reason, active_key = :activeKey, revision = revision + 1, updated_by = :by,"
            + " updated_at = :at WHERE id = :id AND revision = :revision")
    int transition(
            long id,
            int revision,
            int step,
            Instant stepStartedAt,
            String state,
            @Nullable String reason,
            @Nullable String activeKey,
            String by,
            Instant at);
}
