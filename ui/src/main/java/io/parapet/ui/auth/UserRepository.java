package io.parapet.ui.auth;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.Optional;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface UserRepository extends CrudRepository<UserEntity, Long> {
    Optional<UserEntity> findByUsername(String username);

    Page<UserEntity> findAll(Pageable pageable);

    @Query("INSERT INTO ui_user (username, password_hash, role, created_at, created_by)"
            + " SELECT :username, :passwordHash, :role, :at, :by"
            + " WHERE NOT EXISTS (SELECT 1 FROM ui_user WHERE username = :username)")
    int insertIfAbsent(String username, String passwordHash, String role, Instant at, String by);

    @Query("UPDATE ui_user SET disabled_at = :at WHERE id = :id AND disabled_at IS NULL")
    int disable(long id, Instant at);

    @Query("UPDATE ui_user SET role = :role WHERE id = :id")
    int updateRole(long id, String role);
}
