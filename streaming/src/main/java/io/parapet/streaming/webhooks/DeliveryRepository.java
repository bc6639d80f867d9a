package io.parapet.streaming.webhooks;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeliveryRepository extends CrudRepository<WebhookDelivery, Long> {
    Page<WebhookDelivery> findByWebhookId(long webhookId, Pageable pageable);

    @Query("UPDATE webhook_delivery SET state = 'failed', last_error = :why WHERE webhook_id = :webhookId"
            + " AND state = 'pending'")
    int failPending(long webhookId, String why);
}
