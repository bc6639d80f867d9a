package io.parapet.eval.run.internal;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface RunRepository extends io.micronaut.data.repository.PageableRepository<RunEntity, Long> {
    Page<RunEntity> findByPrompt(String prompt, Pageable pageable);

    /** The newest runs of one prompt version on one dataset version, newest first (gates pick among them). */
    @Query("SELECT * FROM eval_run WHERE prompt = :prompt AND prompt_version = :version"
            + " AND dataset_version_id = :datasetVersionId ORDER BY id DESC LIMIT 50")
    List<RunEntity> findSuiteRuns(String prompt, int version, long datasetVersionId);

    /** Runs that need a worker: queued, or running under a lease that ran out (its worker died). */
    @Query("SELECT * FROM eval_run WHERE status IN ('queued', 'running')"
            + " AND (lease_until IS NULL OR lease_until < :now) ORDER BY id LIMIT 5")
    List<RunEntity> findClaimable(Instant now);

    /** Compare-and-set on the lease: 1 when this worker now owns the run. */
    @Query("UPDATE eval_run SET lease_owner = :owner, lease_until = :until, status = 'running',"
            + " started_at = COALESCE(started_at, :now)"
            + " WHERE id = :id AND status IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < :now)")
    int claim(long id, String owner, Instant until, Instant now);

    /** Gives the lease up (a graceful stop), so another worker resumes the run at once. */
    @Query("UPDATE eval_run SET lease_until = NULL, lease_owner = NULL WHERE id = :id AND lease_owner = :owner")
    int release(long id, String owner);

    @Query("UPDATE eval_run SET cancel_requested = TRUE WHERE id = :id AND status IN (:open)")
    int requestCancel(long id, Collection<String> open);

    @Query("UPDATE eval_run SET status = 'cancelled', reason = :reason, finished_at = :now"
            + " WHERE id = :id AND status = 'queued'")
    int cancelQueued(long id, String reason, Instant now);

    @Query("UPDATE eval_run SET status = :status, reason = :reason, aggregates = :aggregates, finished_at = :now,"
            + " lease_owner = NULL, lease_until = NULL WHERE id = :id AND lease_owner = :owner")
    int finish(long id, String owner, String status, @Nullable String reason, String aggregates, Instant now);
}
