package io.parapet.ui.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * URLs of the webjar files the pages load. A webjar's files sit under its version, which is read from the jar's
 * own pom.properties, so upgrading a webjar in the pom is the only change needed.
 */
public final class Assets {
    public static final String HTMX = webjar("htmx.org", "dist/htmx.min.js");
    public static final String PICO = webjar("picocss__pico", "css/pico.min.css");
    public static final String CODEMIRROR = webjar("codemirror", "lib/codemirror.js");
    public static final String CODEMIRROR_CSS = webjar("codemirror", "lib/codemirror.css");
    public static final String CODEMIRROR_OVERLAY = webjar("codemirror", "addon/mode/overlay.js");
    public static final String CHART = webjar("chart.js", "dist/chart.umd.js");

    private Assets() {}

    static String webjar(String artifact, String file) {
        String pom = "/META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = Assets.class.getResourceAsStream(pom)) {
            if (in == null) {
                throw new IllegalStateException("webjar " + artifact + " is not on the classpath");
            }
            Properties props = new Properties();
            props.load(in);
            return "/ui/webjars/" + artifact + "/" + props.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
