package io.parapet.ui.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.parapet.core.PageRequest;
import io.parapet.deployer.release.Release;
import io.parapet.deployer.release.ReleaseService;
import java.util.Map;

/** Releases in the UI: what each pins, and what changed from the release before it. Made through the API or CLI. */
@Controller("/ui/releases")
@Secured("viewer")
@ExecuteOn(TaskExecutors.BLOCKING)
class ReleasePages {
    private final ReleaseService releases;

    ReleasePages(ReleaseService releases) {
        this.releases = releases;
    }

    @Get("{?page}")
    ModelAndView<Map<String, Object>> list(Authentication auth, @QueryValue @Nullable Integer page) {
        return Pages.view(
                "releases",
                UiContext.of(auth, "releases"),
                new ReleasesPage(releases.list(PageRequest.of(page, 50)), null, null, null));
    }

    @Get("/{id}")
    ModelAndView<Map<String, Object>> release(Authentication auth, @PathVariable long id) {
        Release release = releases.get(String.valueOf(id));
        Release previous = releases.previous(release.id()).orElse(null);
        return Pages.view(
                "release",
                UiContext.of(auth, "releases"),
                new ReleasesPage(
                        null,
                        release,
                        previous,
                        previous == null
                                ? null
                                : releases.diff(String.valueOf(previous.id()), String.valueOf(release.id()))));
    }
}
