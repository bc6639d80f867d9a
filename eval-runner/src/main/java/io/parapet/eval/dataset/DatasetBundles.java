package io.parapet.eval.dataset;

import io.parapet.core.Actor;
import io.parapet.core.Json;
import jakarta.inject.Singleton;
import java.io.BufferedReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Dataset bundles (see {@link DatasetBundle}): exported as a stream, applied all or nothing. */
@Singleton
public class DatasetBundles {
    private final DatasetService datasets;
    private final DatasetExport export;
    private final DatasetBundleApplier applier;

    DatasetBundles(DatasetService datasets, DatasetExport export, DatasetBundleApplier applier) {
        this.datasets = datasets;
        this.export = export;
        this.applier = applier;
    }

    /** The bundle's text, a chunk at a time: the header line, then each version's items as JSONL. */
    public Iterable<String> export(String name) {
        DatasetSummary summary = datasets.get(name);
        TreeSet<Integer> numbers = new TreeSet<>(summary.labels().values());
        numbers.add(summary.latestVersion());
        List<DatasetBundle.Version> versions = new ArrayList<>();
        List<DatasetService.Opened> opened = new ArrayList<>();
        for (int n : numbers) {
            DatasetService.Opened o = datasets.open(name, String.valueOf(n));
            opened.add(o);
            versions.add(new DatasetBundle.Version(
                    n, o.version().commitMessage(), o.version().itemCount()));
        }
        DatasetBundle header = new DatasetBundle(
                DatasetBundle.API_VERSION,
                DatasetBundle.KIND,
                name,
                summary.description(),
                versions,
                Map.copyOf(summary.labels()));
        return () -> Stream.concat(
                        Stream.of(Json.write(header) + "\n"),
                        opened.stream()
                                .flatMap(o -> StreamSupport.stream(
                                        export.chunks(o, ImportFormat.JSONL).spliterator(), false)))
                .iterator();
    }

    /** Applies a bundle to the dataset {@code name} (which may differ from the name it was exported under). */
    public DatasetBundle.Applied apply(String name, Reader body, boolean dryRun, Actor actor) {
        BufferedReader in = new BufferedReader(body, 1 << 16);
        try {
            return new DatasetBundle.Applied(false, applier.apply(name, in, dryRun, actor));
        } catch (DatasetBundleApplier.DryRunFinished finished) {
            return new DatasetBundle.Applied(true, finished.changes);
        }
    }
}
