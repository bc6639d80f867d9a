package io.parapet.server.security;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface ApiKeyRepository extends CrudRepository<ApiKeyEntity, Long> {
    Optional<ApiKeyEntity> findByKeyHash(String keyHash);

    Page<ApiKeyEntity> findAll(Pageable pageable);

    long countByRevokedAtIsNull();

    @Query("UPDATE api_key SET revoked_at = :at WHERE id = :id AND revoked_at IS NULL")
    int revoke(long id, Instant at);
}
