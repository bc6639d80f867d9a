package io.parapet.ui.web;
/** The stored guardrail policies. */
public record PoliciesPage(io.parapet.core.Page<io.parapet.registry.PromptSummary> policies) {}
