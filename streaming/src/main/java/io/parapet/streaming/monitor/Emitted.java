package io.parapet.streaming.monitor;

/** A record the window monitor writes, and the topic it goes to (metrics or alerts). */
record Emitted(String topic, String json) {}
