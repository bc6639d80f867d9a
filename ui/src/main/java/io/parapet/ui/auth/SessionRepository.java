package io.parapet.ui.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface SessionRepository extends CrudRepository<SessionEntity, Long> {
    Optional<SessionEntity> findByTokenHash(String tokenHash);

    @Query("DELETE FROM ui_session WHERE token_hash = :tokenHash")
    int deleteByToken(String tokenHash);

    @Query("DELETE FROM ui_session WHERE user_id = :userId")
    int deleteByUser(long userId);

    @Query("DELETE FROM ui_session WHERE expires_at < :now")
    int deleteExpired(Instant now);
}
