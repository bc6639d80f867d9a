package io.parapet.registry;

/**
 * Published inside the transaction that changed a prompt's versions or labels; listeners that act on it after
 * commit (the prompt cache) see only committed state.
 */
public record PromptChanged(String prompt) {}
