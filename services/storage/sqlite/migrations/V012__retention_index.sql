-- Request ids are pruned oldest first once past their retention.
CREATE INDEX idempotency_create_time ON idempotency (create_time_us);
