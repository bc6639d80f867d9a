package io.parapet.eval.ci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parapet.core.Json;
import java.io.StringWriter;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The CI command's outputs: JUnit XML (one test case per item and evaluator, so CI systems show each failure), the
 * whole outcome as JSON, and a Markdown summary for a pull-request comment.
 */
final class Reports {
    private Reports() {}

    static String junit(Outcome o) {
        String suite = o.candidate().get("prompt").asText() + "#"
                + o.candidate().get("promptVersion").asInt();
        int tests = 0;
        int failures = 0;
        int errors = 0;
        for (JsonNode item : o.items()) {
            boolean errored = "error".equals(item.get("ending").asText());
            tests += errored ? 1 : item.get("verdicts").size();
            errors += errored ? 1 : 0;
            for (JsonNode v : item.get("verdicts")) {
                failures += v.get("passed").asBoolean() ? 0 : 1;
            }
        }
        StringWriter out = new StringWriter();
        try {
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("testsuite");
            x.writeAttribute("name", "parapet eval " + suite);
            x.writeAttribute("tests", String.valueOf(tests));
            x.writeAttribute("failures", String.valueOf(failures));
            x.writeAttribute("errors", String.valueOf(errors));
            for (JsonNode item : o.items()) {
                String classname = suite + "." + item.get("itemId").asText()
                        + (item.get("trial").asInt() == 0
                                ? ""
                                : ".trial" + item.get("trial").asInt());
                if ("error".equals(item.get("ending").asText())) {
                    testcase(x, classname, "answer", item);
                    x.writeEmptyElement("error");
                    x.writeAttribute("message", text(item.path("detail").asText()));
                    x.writeEndElement();
                    continue;
                }
                for (JsonNode v : item.get("verdicts")) {
                    testcase(x, classname, v.get("evaluator").asText(), item);
                    if (!v.get("passed").asBoolean()) {
                        x.writeStartElement("failure");
                        x.writeAttribute("message", text(v.get("reason").asText()));
                        x.writeCharacters(text("output: " + item.path("output").asText()));
                        x.writeEndElement();
                    }
                    x.writeEndElement();
                }
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write JUnit XML", e);
        }
        return out + "\n";
    }

    private static void testcase(XMLStreamWriter x, String classname, String name, JsonNode item)
            throws XMLStreamException {
        x.writeStartElement("testcase");
        x.writeAttribute("classname", text(classname));
        x.writeAttribute("name", text(name));
        x.writeAttribute(
                "time",
                String.format(Locale.ROOT, "%.3f", item.get("latencyMillis").asLong() / 1000.0));
    }

    /** XML 1.0 cannot carry control characters other than tab and line ends, even escaped: they are dropped. */
    private static String text(String value) {
        return value.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "");
    }

    static String json(Outcome o) {
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("passed", o.passed());
        out.set("failures", Json.mapper().valueToTree(o.failures()));
        out.set("candidate", o.candidate());
        out.set("baseline", o.baseline());
        out.set("comparison", o.comparison());
        out.set("items", Json.mapper().valueToTree(o.items()));
        return Json.write(out) + "\n";
    }

    static String markdown(Outcome o) {
        JsonNode c = o.candidate();
        StringBuilder md = new StringBuilder();
        md.append("### Parapet evaluation: ")
                .append(o.passed() ? "✅ passed" : "❌ failed")
                .append("\n\n");
        md.append("| | candidate")
                .append(o.baseline() == null ? "" : " | baseline")
                .append(" |\n|---|---")
                .append(o.baseline() == null ? "" : "|---")
                .append("|\n");
        row(
                md,
                "prompt",
                o,
                r -> r.get("prompt").asText() + "#" + r.get("promptVersion").asInt());
        row(md, "run", o, r -> r.get("id").asText() + " (" + r.get("status").asText() + ")");
        row(
                md,
                "pass rate",
                o,
                r -> String.format(
                        Locale.ROOT,
                        "%.1f %% (95 %% CI %.1f–%.1f)",
                        100 * r.at("/aggregates/passRate/rate").asDouble(),
                        100 * r.at("/aggregates/passRate/low").asDouble(),
                        100 * r.at("/aggregates/passRate/high").asDouble()));
        row(md, "errored", o, r -> r.at("/progress/errored").asText());
        row(
                md,
                "latency p50 / p95",
                o,
                r -> r.at("/aggregates/latencyP50Millis").asText() + " / "
                        + r.at("/aggregates/latencyP95Millis").asText() + " ms");
        row(md, "tokens", o, r -> r.at("/progress/tokens").asText());
        row(
                md,
                "estimated cost",
                o,
                r -> r.at("/aggregates/costed").asLong() == 0
                        ? "unknown (no model prices)"
                        : String.format(
                                Locale.ROOT, "$%.4f", r.at("/aggregates/cost").asDouble()));
        JsonNode classified = c.at("/aggregates/classifications");
        for (int i = 0; i < classified.size(); i++) {
            String pointer = "/aggregates/classifications/" + i + "/metrics";
            row(
                    md,
                    classified.get(i).get("evaluator").asText() + " accuracy / macro F1",
                    o,
                    r -> String.format(
                            Locale.ROOT,
                            "%.3f / %.3f",
                            r.at(pointer + "/accuracy").asDouble(),
                            r.at(pointer + "/macroF1").asDouble()));
        }
        md.append("\ndataset ")
                .append(c.get("dataset").asText())
                .append("#")
                .append(c.get("datasetVersion").asInt());
        if (o.comparison() != null) {
            JsonNode cmp = o.comparison();
            md.append(String.format(
                    Locale.ROOT,
                    "; against the baseline: **%s** (%d improved, %d regressed; McNemar p=%.4f, score Δ %.3f, p=%.4f)",
                    cmp.get("verdict").asText(),
                    cmp.get("improved").asInt(),
                    cmp.get("regressed").asInt(),
                    cmp.get("passPValue").asDouble(),
                    cmp.get("scoreDelta").asDouble(),
                    cmp.get("scorePValue").asDouble()));
        }
        md.append("\n");
        for (String failure : o.failures()) {
            md.append("\n- ").append(failure);
        }
        return md.append("\n").toString();
    }

    private static void row(
            StringBuilder md, String name, Outcome o, java.util.function.Function<JsonNode, String> cell) {
        md.append("| ").append(name).append(" | ").append(cell.apply(o.candidate()));
        if (o.baseline() != null) {
            md.append(" | ").append(cell.apply(o.baseline()));
        }
        md.append(" |\n");
    }
}
