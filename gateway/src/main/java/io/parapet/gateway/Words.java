package io.parapet.gateway;

import java.util.List;

/** Usage until the gateway counts real tokens: whitespace-separated words. */
final class Words {
    private Words() {}

    static int count(List<ChatRequest.ChatMessage> messages) {
        int n = 0;
        for (ChatRequest.ChatMessage m : messages) {
            n += count(m.content());
        }
        return n;
    }

    static int count(CharSequence text) {
        if (text == null) {
            return 0;
        }
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) { // no regex: this runs on every request's whole text
            boolean space = Character.isWhitespace(text.charAt(i));
            if (!space && !inWord) {
                count++;
            }
            inWord = !space;
        }
        return count;
    }
}
