package io.parapet.deployer.deployment.internal;

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
public interface DeploymentRepository extends CrudRepository<DeploymentEntity, Long> {
    Optional<DeploymentEntity> findByTargetAndName(String target, String name);

    Page<DeploymentEntity> findAll(Pageable pageable);

    List<DeploymentEntity> findByTargetAndState(String target, String state);

    /** Creates the deployment unless one of that name exists on the target (a racing publisher): 1 or 0 rows. */
    @Query("INSERT INTO deploy_deployment (name, target, release_id, spec, state, revision, created_by, created_at,"
            + " updated_by, updated_at) VALUES (:name, :target, :releaseId, :spec, 'deploying', 1, :by, :at, :by, :at)"
            + " ON CONFLICT DO NOTHING")
    int insertIfAbsent(String name, String target, @Nullable Long releaseId, String spec, String by, Instant at);

    /** Changes a deployment only from the revision the caller read: of two writers exactly one wins. */
    @Query("UPDATE deploy_deployment SET release_id = :releaseId, ready_release_id = :readyReleaseId, spec = :spec,"
            + " state = :state, reason = :reason, endpoint = :endpoint, revision = revision + 1, updated_by = :by,"
            + " updated_at = :at WHERE id = :id AND revision = :revision")
    int transition(
            long id,
            int revision,
            @Nullable Long releaseId,
            @Nullable Long readyReleaseId,
            String spec,
            String state,
            @Nullable String reason,
            @Nullable String endpoint,
            String by,
            Instant at);
}
