package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.registry.Rendered;

/** A draft rendered with sample values, or why it could not be. */
public record PreviewPage(
        @Nullable Rendered rendered, @Nullable String error) {}
