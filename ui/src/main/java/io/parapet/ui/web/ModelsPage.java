package io.parapet.ui.web;

/** The catalog; {@code echo} and other development providers are marked. */
public record ModelsPage(java.util.List<io.parapet.registry.ModelSummary> models) {}
