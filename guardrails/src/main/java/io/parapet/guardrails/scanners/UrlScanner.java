package io.parapet.guardrails.scanners;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.Finding;
import io.parapet.guardrails.ScanContext;
import io.parapet.guardrails.ScanResult;
import io.parapet.guardrails.spi.Cancellation;
import io.parapet.guardrails.spi.ScanText;
import io.parapet.guardrails.spi.Scanner;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Links in output: with an empty allow-list every URL is a finding ("no links"); otherwise only URLs whose host
 * is an allowed domain or one of its subdomains pass. Markdown links and bare URLs alike.
 */
final class UrlScanner implements Scanner {
    private static final Pattern URL =
            Pattern.compile("(?i)\\b(?:https?|ftp)://[^\\s<>\"'`)\\]]*[^\\s<>\"'`)\\].,;:!?]");

    private final List<String> allowed;

    UrlScanner(List<String> allowed) {
        this.allowed = allowed.stream().map(d -> d.toLowerCase(Locale.ROOT)).toList();
    }

    @Override
    public ScanResult scan(ScanText text, ScanContext context) {
        List<Finding> found = new ArrayList<>();
        Matcher m = URL.matcher(Cancellation.watched(text.normalized()));
        while (m.find()) {
            if (!allowed(m.group())) {
                found.add(
                        Matches.finding(text, allowed.isEmpty() ? "URL" : "URL_NOT_ALLOWED", m.start(), m.end(), 1.0));
            }
        }
        return ScanResult.of(found);
    }

    private boolean allowed(String url) {
        if (allowed.isEmpty()) {
            return false;
        }
        String host;
        try {
            host = URI.create(url).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(d -> h.equals(d) || h.endsWith("." + d));
    }
}
