package io.parapet.deployer.release.internal;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
public interface ReleaseRepository extends CrudRepository<ReleaseEntity, Long> {
    Optional<ReleaseEntity> findByDigest(String digest);

    Page<ReleaseEntity> findAll(Pageable pageable);

    Optional<ReleaseEntity> findFirstByIdLessThanOrderByIdDesc(long id);

    /** Inserts the release unless one with this digest exists: 1 when this call made it, 0 when it was there. */
    @Query("INSERT INTO deploy_release (digest, content, description, created_by, created_at)"
            + " VALUES (:digest, :content, :description, :createdBy, :createdAt) ON CONFLICT DO NOTHING")
    int insertIfAbsent(String digest, String content, String description, String createdBy, Instant createdAt);
}
