package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.parapet.core.Page;
import io.parapet.deployer.release.Release;
import io.parapet.deployer.release.ReleaseDiff;

/**
 * The releases pages: the list, newest first; or one release with what it pins and, when there is an earlier one,
 * what changed since it.
 */
public record ReleasesPage(
        @Nullable Page<Release> releases,
        @Nullable Release release,
        @Nullable Release previous,
        @Nullable ReleaseDiff sincePrevious) {}
