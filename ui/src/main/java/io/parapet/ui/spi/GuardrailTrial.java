package io.parapet.ui.spi;

import io.parapet.guardrails.Direction;
import io.parapet.guardrails.Verdict;

/** Scans a text with a stored policy ({@code name@label} or {@code name#version}) for the policies page. */
public interface GuardrailTrial {
    Verdict scan(String policy, Direction direction, String text);
}
