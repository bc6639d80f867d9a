package io.parapet.guardrails;

import static io.parapet.guardrails.ScannerTestSupport.scan;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parapet.guardrails.classify.TokenStates;
import io.parapet.guardrails.ner.EntityHead;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PERSON, LOCATION and ORGANIZATION: the trained entity head (the default), the gazetteer, and the loading path of an
 * ONNX token classifier.
 */
class NamedEntityTest {
    static final Map<String, Object> NAMED =
            Map.of("entities", List.of("PERSON", "LOCATION", "ORGANIZATION"), "ner", "gazetteer");
    static final Map<String, Object> TRAINED = Map.of("entities", List.of("PERSON", "LOCATION", "ORGANIZATION"));

    // Names, places and firms that are not in the training file, in sentences that are not its templates.
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I had lunch with Kwame Mensah yesterday and he paid.|PERSON|Kwame Mensah",
                // after an emoji: the tokenizer counts code points, the finding must be in UTF-16 units
                "\uD83D\uDE02 I had lunch with Kwame Mensah yesterday and he paid.|PERSON|Kwame Mensah",
                "Can you write a birthday message for my sister Ingrid Solberg?|PERSON|Ingrid Solberg",
                "Our new office is in Ljubljana, close to the river.|LOCATION|Ljubljana",
                "She has worked at Northwind Traders for six years.|ORGANIZATION|Northwind Traders"
            })
    void should_find_names_the_head_never_saw(String text, String type, String value) {
        assertFinds(TRAINED, text, type, value);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "How do I bake bread without yeast?",
                "The meeting is on Tuesday at noon, please bring the report.",
                "Please reset the router and try again.",
                "Where is my parcel 0? It left the depot 12 days ago.",
                "tool said: 18 C, and the wind is from the N.",
                "!!! ??? ...",
                ""
            })
    void should_not_find_names_in_ordinary_text(String text) {
        assertThat(scan("pii", TRAINED, text).findings()).isEmpty();
    }

    @Test
    void should_map_trained_findings_back_to_the_original_text() {
        // Full-width letters and a zero-width space are normalized away before the head reads the text; the finding
        // must still cover the name as the user wrote it, so that redaction removes all of it.
        String text = "Please email Ｍarta\u200B Kowalska about the invoice.";
        ScanResult result = scan("pii", TRAINED, text);
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("PERSON");
            assertThat(text.substring(f.start(), f.end())).isEqualTo(f.text()).contains("Kowalska");
        });
    }

    @Test
    void should_stop_reading_a_long_text_when_the_scan_is_abandoned() {
        // The engine interrupts a scanner that overran its timeout; the entity head checks between model runs.
        String text = "Nothing happened today, the weather was fine. ".repeat(100);
        Thread.currentThread().interrupt();
        try {
            assertThatThrownBy(() -> TokenStates.of(text)).isInstanceOf(CancellationException.class);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void should_stop_the_helper_reading_the_middle_when_the_scan_is_abandoned() throws InterruptedException {
        // The middle of a long text is read on a helper thread; when the scan is given up on, the helper must stop too,
        // not spend the seconds of model runs left in a 400 KB text. Each sentence differs: a sentence repeated would
        // be
        // read once and its runs then taken from RecentRuns, and the text would be read before the scan is abandoned.
        StringBuilder days = new StringBuilder();
        for (int day = 0; day < 9_000; day++) {
            days.append("Nothing happened on day ").append(day).append(", the weather was fine. ");
        }
        String text = days.toString();
        java.util.concurrent.atomic.AtomicReference<Throwable> thrown =
                new java.util.concurrent.atomic.AtomicReference<>();
        Thread scan = Thread.ofPlatform().start(() -> {
            try {
                TokenStates.of(text);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(300);
        scan.interrupt();
        scan.join(10_000);
        assertThat(thrown.get()).isInstanceOf(CancellationException.class);
        long deadline = System.nanoTime() + 3_000_000_000L;
        while (helperBusy() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(helperBusy()).as("a helper still reading the abandoned text").isFalse();
    }

    @Test
    void should_give_each_of_many_concurrent_long_texts_its_own_pieces() throws Exception {
        // Eight long texts at once on a machine with a helper or two: most hand-overs are refused and read on the
        // caller, some run on a helper. Every text must come back with exactly the pieces it has when read alone.
        List<String> texts = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add("The parcel was late again, the courier said. ".repeat(15) + "Ticket " + i
                    + " is for Olga Petrenko " + "about order " + (1000 + i) + ". "
                    + "We will call back tomorrow morning. ".repeat(12));
        }
        List<TokenStates.Pieces> alone = texts.stream().map(TokenStates::of).toList();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int round = 0; round < 3; round++) {
                List<java.util.concurrent.Future<TokenStates.Pieces>> together = new java.util.ArrayList<>();
                for (String text : texts) {
                    together.add(pool.submit(() -> TokenStates.of(text)));
                }
                for (int i = 0; i < texts.size(); i++) {
                    TokenStates.Pieces p = together.get(i).get();
                    TokenStates.Pieces a = alone.get(i);
                    assertThat(p.starts()).as("text %d", i).isEqualTo(a.starts());
                    assertThat(p.words()).as("text %d", i).isEqualTo(a.words());
                    for (int k = 0; k < a.size(); k++) {
                        assertThat(p.vectors()[k])
                                .as("text %d piece %d", i, k)
                                .containsExactly(a.vectors()[k], org.assertj.core.data.Offset.offset(1e-4f));
                    }
                }
            }
        }
    }

    private static boolean helperBusy() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(
                        t -> t.getName().startsWith("parapet-token-states-") && t.getState() == Thread.State.RUNNABLE);
    }

    @Test
    void should_refuse_an_entity_head_of_the_wrong_shape() {
        float[][] twoClasses = new float[2][EntityHead.SHAPE.size()];
        assertThatThrownBy(() -> new EntityHead(twoClasses, new double[2])).hasMessageContaining("one row of weights");
        float[][] fiveClasses = new float[EntityHead.CLASSES.size()][3];
        EntityHead head = new EntityHead(fiveClasses, new double[EntityHead.CLASSES.size()]);
        assertThatThrownBy(() -> head.probabilities(new float[4])).hasMessageContaining("expects 3 features, got 4");
    }

    @Test
    void should_read_a_text_longer_than_one_model_window() {
        // The head reads 256 pieces per model run; a name after several windows of filler must still be found.
        String filler = "the weather was fine and nothing much happened that day. ".repeat(60);
        String text = filler + "Then I called Tomasz Wiśniewski about it.";
        ScanResult result = scan("pii", TRAINED, text);
        assertThat(result.findings()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo("PERSON");
            assertThat(f.start()).isGreaterThan(filler.length() - 1);
            assertThat(f.text()).contains("Tomasz");
        });
    }

    @Test
    void should_find_names_in_the_head_the_middle_and_the_tail_of_a_long_text() {
        // Past 512 characters the head and tail are read in one run (shared with the sentence embedding) and the
        // middle in another; a name in each part must be found where it is.
        // Emoji in the filler: pieces after them must still be placed in UTF-16 units, in the window and in the middle.
        String filler = " The weather was fine \uD83D\uDE02 and nothing much happened that day.".repeat(5);
        String text = "I met Kwame Mensah at the station." + filler + " Later Ingrid Solberg phoned me." + filler
                + " Finally I wrote to Tomasz Wiśniewski.";
        ScanResult result = scan("pii", TRAINED, text);
        for (String name : List.of("Kwame Mensah", "Ingrid Solberg", "Tomasz Wiśniewski")) {
            assertThat(result.findings()).as(name).anySatisfy(f -> {
                assertThat(f.type()).isEqualTo("PERSON");
                assertThat(f.text()).isEqualTo(name);
                assertThat(f.start()).isEqualTo(text.indexOf(name));
            });
        }
    }

    // Sentences outside the training file (2026-12-07): a title is no name on its own, but the word after it is a
    // person's; on a shouted line capitals say nothing; a pronoun after a greeting is not a name; nor is a unit of an
    // address, a word naming a group of people, a programming language, a month or a retweet's "RT".
    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sorry Sir, the app keeps crashing",
                "Yes Sir, right away",
                "Dear Sir, I am writing about my refund",
                "Hi Doctor, my tests came back",
                "WHY HAS MY ORDER NOT ARRIVED YET, THIS IS THE THIRD TIME I ASK!!!",
                // an address's unit designator is no name alone either: the head called "Department" a person
                "Our Office is closed; the Department will reply.",
                // nor a word naming a group of people, nor a retweet's marker: the head called each a person
                "Gay couples should get the same tax rules.",
                "Women earn less than men in most countries.",
                "Muslims are fasting this month.",
                "RT this if you agree",
                // nor a programming language: "Java" was a person, "Python" a firm
                "Write a Java program that reverses a string.",
                "Explain how Python decorators work.",
                // nor a month that is no given name: "September" was a person
                "September is the best month for a trip to the coast."
            })
    void should_not_find_a_title_a_unit_or_a_group_alone_or_names_on_a_shouted_line(String text) {
        assertThat(scan("pii", TRAINED, text).findings()).isEmpty();
    }

    // The head alone called both persons: a legal form or an institution at the end makes a firm.
    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "I sent the invoice to Kessler Group yesterday.|Kessler Group",
                "We signed with Marlowe Holdings last week.|Marlowe Holdings"
            })
    void should_type_a_name_ending_in_a_legal_form_as_an_organization(String text, String firm) {
        assertFinds(TRAINED, text, "ORGANIZATION", firm);
    }

    @Test
    void should_not_let_the_gazetteer_greet_a_language_or_a_group() {
        assertThat(scan("pii", NAMED, "Make the page say Hello, API! to every visitor.")
                        .findings())
                .isEmpty();
    }

    @Test
    void should_still_find_a_name_that_starts_with_a_group_word() {
        assertFinds(TRAINED, "I met Gay Talese at the book fair.", "PERSON", "Gay Talese");
    }

    @Test
    void should_still_find_a_name_on_the_line_after_a_shouted_one() {
        assertFinds(
                TRAINED,
                "WHY IS NOBODY ANSWERING MY CALLS\nThis is Kwame Mensah, order 5521.",
                "PERSON",
                "Kwame Mensah");
    }

    @Test
    void should_type_the_name_after_a_title_as_a_person() {
        ScanResult result = scan("pii", TRAINED, "Please forward this to Mrs. Okonkwo in accounts.");
        assertThat(result.findings())
                .singleElement()
                .satisfies(f -> assertThat(f.type()).isEqualTo("PERSON"))
                .satisfies(f -> assertThat(f.text()).isEqualTo("Okonkwo"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Hello I moved last week, what should I update?",
                "Thanks I got it now",
                "Dear John, I am writing"
            })
    void should_not_take_a_pronoun_after_a_greeting_for_a_name(String text) {
        for (Map<String, Object> config : List.of(NAMED, TRAINED)) {
            assertThat(scan("pii", config, text).findings())
                    .noneMatch(f -> f.text().contains("I"));
        }
    }

    private static final List<String> SUPPORT_SENTENCES = List.of(
            "Thanks for reaching out about your order.",
            "The parcel was late again, the courier said.",
            "We appreciate your patience while we look into this.",
            "Our warehouse had a power cut on the weekend.",
            "Refunds usually take five to seven working days.",
            "I have attached the invoice you asked for.",
            "Could you confirm the delivery address once more?",
            "The replacement part should ship next week.",
            "Let me know if the tracking link still does not work.",
            "Sorry again for the trouble this has caused.",
            "Your account shows two payments for the same item.",
            "We will cancel the duplicate charge today.");

    @ParameterizedTest
    @ValueSource(strings = {"Maria Kowalska", "Kwame Mensah"})
    void should_find_a_name_whole_wherever_it_sits_in_a_long_message(String name) {
        // A name in the middle of a long text is read in a part of its own; read as a cut fragment or in a run four
        // times longer than the head's training texts, it was missed or only its surname found (5 of 20 places for
        // "Maria Kowalska"), and the first name was left in the redacted text.
        for (int at = 0; at < 60; at += 3) {
            StringBuilder message = new StringBuilder();
            for (int i = 0; i < 60; i++) {
                if (i == at) {
                    message.append("Please forward this to ").append(name).append(" in accounting. ");
                }
                message.append(SUPPORT_SENTENCES.get(i % SUPPORT_SENTENCES.size()))
                        .append(' ');
            }
            String text = message.toString();
            int start = text.indexOf(name);
            assertThat(scan("pii", TRAINED, text).findings())
                    .as("%s after %d sentences", name, at)
                    .anySatisfy(f -> {
                        // what a redaction needs; the type can be wrong (at the very start, where the window's run
                        // reads it, "Kwame Mensah" is called an organization)
                        assertThat(f.type()).isIn("PERSON", "ORGANIZATION", "LOCATION");
                        assertThat(f.start()).isLessThanOrEqualTo(start);
                        assertThat(f.end()).isGreaterThanOrEqualTo(start + name.length());
                    });
        }
    }

    @Test
    void should_redact_the_first_name_too_in_a_long_repetitive_message() {
        // The head read "Maria" here as personal data of another kind (a title): a neighbour of a name that is personal
        // data joins the name's span, so the redaction covers all of it.
        String filler = "Thanks for reaching out about your order. ".repeat(20);
        String text = filler + "Please forward this to Maria Kowalska in accounting. " + filler;
        assertThat(scan("pii", TRAINED, text).findings())
                .anySatisfy(f -> assertThat(f.text()).isEqualTo("Maria Kowalska"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Please forward this to Dr. Ada Lovelace tomorrow.|PERSON|Ada Lovelace",
                "Hello, my name is Grace Hopper and I need help.|PERSON|Grace Hopper",
                "We are flying to Portugal next week.|LOCATION|Portugal",
                "The office moved from New York to Ouagadougou.|LOCATION|New York",
                "She works for Allstate Insurance Group in sales.|ORGANIZATION|Allstate Insurance Group",
                "Invoices go to Ørsted Technologies now.|ORGANIZATION|Ørsted Technologies"
            })
    void should_find_named_entities(String text, String type, String value) {
        assertFinds(NAMED, text, type, value);
    }

    /** A finding of {@code type} covers exactly {@code value}, at or above the policy threshold. */
    private static void assertFinds(Map<String, Object> config, String text, String type, String value) {
        ScanResult result = scan("pii", config, text);
        assertThat(result.findings()).as(result.findings().toString()).anySatisfy(f -> {
            assertThat(f.type()).isEqualTo(type);
            assertThat(f.text()).isEqualTo(value);
            assertThat(text.substring(f.start(), f.end())).isEqualTo(value);
            assertThat(f.score()).isGreaterThanOrEqualTo(0.5);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "The meeting is on Tuesday at noon.",
                "Please reset the Router and try again.",
                "I am happy with the result.",
                ""
            })
    void should_not_flag_ordinary_capitalised_words(String text) {
        assertThat(scan("pii", NAMED, text).findings()).isEmpty();
    }

    @Test
    void should_run_an_onnx_token_classifier_with_its_tokenizer() throws IOException {
        // MiniLM is not an NER model, but it is a real BERT ONNX export with its tokenizer: 384 outputs per token.
        // Calling every class I-PER makes the whole text one PERSON span, which checks loading, tokenization,
        // inference, BIO merging and the mapping of spans back to the original text.
        Path model = copy("all-minilm-l6-v2-q.onnx");
        Path tokenizer = copy("all-minilm-l6-v2-q-tokenizer.json");
        Map<String, Object> ner = onnx(model, tokenizer, Collections.nCopies(384, "I-PER"));
        String text = "Ｊane\u200B Doe";
        ScanResult result = scan("pii", Map.of("entities", List.of("PERSON"), "ner", ner), text);
        assertThat(result.findings()).hasSize(1);
        Finding person = result.findings().get(0);
        assertThat(person.type()).isEqualTo("PERSON");
        assertThat(person.text()).isEqualTo(text);
        assertThat(person.score()).isBetween(0.0, 1.0);
        // The tokenizer counts code points: after an emoji the span must still end at the text's last letter.
        String afterEmoji = "\uD83D\uDE02 Jane Doe";
        assertThat(scan("pii", Map.of("entities", List.of("PERSON"), "ner", ner), afterEmoji)
                        .findings())
                .singleElement()
                .satisfies(f -> assertThat(f.text()).isEqualTo(afterEmoji));

        Map<String, Object> wrongLabels = onnx(model, tokenizer, List.of("O", "B-PER", "I-PER"));
        assertThatThrownBy(() -> scan("pii", Map.of("ner", wrongLabels), "Jane Doe"))
                .hasMessageContaining("384 output classes but 3 labels");
    }

    @Test
    void should_run_an_onnx_sequence_classifier_for_toxicity() throws IOException {
        // The same loading path for the optional toxicity model; MiniLM's first-token outputs stand in for logits.
        Path model = copy("all-minilm-l6-v2-q.onnx");
        Path tokenizer = copy("all-minilm-l6-v2-q-tokenizer.json");
        Map<String, Object> hateOnly = onnx(model, tokenizer, numbered("identity_hate_", 384));
        ScanResult result = scan("toxicity", Map.of("model", hateOnly), "f*ck this");
        assertThat(result.findings()).extracting(Finding::type).contains("PROFANITY", "HATE");
        assertThat(result.score()).isBetween(0.5, 1.0);

        Map<String, Object> benign = onnx(model, tokenizer, numbered("non-toxic-", 384));
        assertThat(scan("toxicity", Map.of("model", benign), "hello").score()).isZero();
        Map<String, Object> short3 = onnx(model, tokenizer, List.of("toxic", "obscene", "insult"));
        assertThatThrownBy(() -> scan("toxicity", Map.of("model", short3), "hello"))
                .hasMessageContaining("384 output classes but 3 labels");
    }

    @Test
    void should_reject_a_bad_ner_configuration() {
        var pii = ScannerTestSupport.CATALOG.get("pii");
        assertThatThrownBy(() -> pii.create(Map.of("ner", "spacy"))).hasMessageContaining("'ner' must be");
        assertThatThrownBy(() -> pii.create(Map.of("ner", Map.of("type", "onnx", "model", "/nope.onnx"))))
                .hasMessageContaining("needs 'model' and 'tokenizer'");
        assertThatThrownBy(() -> pii.create(Map.of(
                        "ner",
                        Map.of(
                                "type",
                                "onnx",
                                "model",
                                "/nope.onnx",
                                "tokenizer",
                                "/nope.json",
                                "labels",
                                List.of("O")))))
                .hasMessageContaining("must name a file inside the model folder");
    }

    @Test
    void should_refuse_model_files_outside_the_model_folder() throws IOException {
        copy("all-minilm-l6-v2-q-tokenizer.json");
        var pii = ScannerTestSupport.CATALOG.get("pii");
        for (String escape : List.of("../../etc/passwd", "/etc/passwd")) {
            Map<String, Object> ner = Map.of(
                    "type",
                    "onnx",
                    "model",
                    escape,
                    "tokenizer",
                    "all-minilm-l6-v2-q-tokenizer.json",
                    "labels",
                    List.of("O"));
            assertThatThrownBy(() -> pii.create(Map.of("ner", ner)))
                    .as(escape)
                    .hasMessageContaining("must name a file inside the model folder");
        }
        assertThatThrownBy(
                        () -> ScannerTestSupport.CATALOG.get("token-limit").create(Map.of("tokenizer", "missing.json")))
                .hasMessageContaining("does not exist");
        String folder = System.clearProperty("parapet.guardrails.model-dir");
        try {
            assertThatThrownBy(
                            () -> ScannerTestSupport.CATALOG.get("token-limit").create(Map.of("tokenizer", "x.json")))
                    .hasMessageContaining("model files are disabled");
        } finally {
            System.setProperty("parapet.guardrails.model-dir", folder);
        }
    }

    private static List<String> numbered(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }

    private static Map<String, Object> onnx(Path model, Path tokenizer, List<String> labels) {
        return Map.of("type", "onnx", "model", model.toString(), "tokenizer", tokenizer.toString(), "labels", labels);
    }

    private static Path copy(String resource) throws IOException {
        Path target = ScannerTestSupport.MODEL_DIR.resolve(resource);
        try (InputStream in = NamedEntityTest.class.getClassLoader().getResourceAsStream(resource)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
