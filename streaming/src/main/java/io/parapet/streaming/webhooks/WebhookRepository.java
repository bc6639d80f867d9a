package io.parapet.streaming.webhooks;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface WebhookRepository extends CrudRepository<WebhookEntity, Long> {
    List<WebhookEntity> findAllOrderById();
}
