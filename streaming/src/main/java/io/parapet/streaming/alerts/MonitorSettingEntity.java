package io.parapet.streaming.alerts;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

@MappedEntity("monitor_setting")
record MonitorSettingEntity(@Id String subjectKey, String overrides, Instant updatedAt, String updatedBy) {}
