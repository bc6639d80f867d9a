package io.parapet.guardrails.bench;

/** The benchmarks' input: English support-desk text with an e-mail address and a phone number every ~390 chars. */
final class BenchText {
    private static final String PARAGRAPH = "Thanks for reaching out about your order. Our support team reviewed the "
            + "account history and found that the last payment was processed on Tuesday. If you still see a pending "
            + "charge, please reply with the transaction reference and we will look into it within two business days. "
            + "You can also reach Jane at jane.doe@example.com or call (415) 555-2671 during office hours. ";

    private BenchText() {}

    static String of(int size) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append(PARAGRAPH);
        }
        return sb.substring(0, size);
    }
}
