package io.parapet.guardrails.scanners;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import io.parapet.guardrails.spi.Cancellation;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Finds text hidden in base64, hex or percent-encoding and decodes it, layer by layer, so that an attack wrapped
 * in encodings is checked like plain text. Work is bounded whatever the input: at most {@link #MAX_DEPTH} layers and
 * {@link #MAX_DECODED} characters in total, and only decodings that are readable UTF-8 text count.
 */
final class EncodedText {
    static final int MAX_DEPTH = 8;
    static final int MAX_DECODED = 64 * 1024;

    // RE2J: the input is attacker-controlled and can be a megabyte of one run; matching must stay linear.
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/_-]{16,}={0,2}");
    private static final Pattern HEX = Pattern.compile("(?:[0-9a-fA-F]{2}){12,}");
    private static final Pattern PERCENT = Pattern.compile("(?:[A-Za-z0-9._~+-]*%[0-9a-fA-F]{2}){3,}[A-Za-z0-9._~+-]*");

    /** One decoded payload: where its outermost encoding sits in the scanned text, and how deep it was. */
    record Decoded(int start, int end, String text, int depth, String encoding) {}

    private EncodedText() {}

    static List<Decoded> decode(String text) {
        if (!mayBeEncoded(text)) {
            return List.of();
        }
        List<Decoded> out = new ArrayList<>();
        int[] budget = {MAX_DECODED};
        walk(text, 0, -1, -1, out, budget);
        return out;
    }

    private static void walk(String text, int depth, int outerStart, int outerEnd, List<Decoded> out, int[] budget) {
        if (depth >= MAX_DEPTH) {
            return;
        }
        decodeAll(text, BASE64, "base64", depth, outerStart, outerEnd, out, budget);
        decodeAll(text, HEX, "hex", depth, outerStart, outerEnd, out, budget);
        decodeAll(text, PERCENT, "percent", depth, outerStart, outerEnd, out, budget);
    }

    private static void decodeAll(
            String text,
            Pattern pattern,
            String encoding,
            int depth,
            int outerStart,
            int outerEnd,
            List<Decoded> out,
            int[] budget) {
        Matcher m = pattern.matcher(Cancellation.watched(text));
        while (budget[0] > 0 && m.find()) {
            // A run longer than the budget is decoded from its start: padding cannot push a payload out of reach.
            String run = m.group();
            run = run.substring(0, Math.min(run.length(), budget[0] / 3 * 4));
            String decoded =
                    switch (encoding) {
                        case "base64" -> base64(run);
                        case "hex" -> hex(run.substring(0, run.length() / 2 * 2));
                        default -> percent(run);
                    };
            if (decoded == null || !readable(decoded)) {
                continue;
            }
            budget[0] -= decoded.length();
            int start = outerStart < 0 ? m.start() : outerStart;
            int end = outerStart < 0 ? m.end() : outerEnd;
            out.add(new Decoded(start, end, decoded, depth + 1, encoding));
            walk(decoded, depth + 1, start, end, out, budget);
        }
    }

    /** A cheap pass first: no run of 16 base64 characters and no percent escape means nothing to decode. */
    private static boolean mayBeEncoded(String text) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                return true;
            }
            boolean b64 = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '+'
                    || c == '/'
                    || c == '_'
                    || c == '-';
            run = b64 ? run + 1 : 0;
            if (run >= 16) {
                return true;
            }
        }
        return false;
    }

    private static String base64(String run) {
        String s = run.replace('-', '+').replace('_', '/');
        int pad = s.indexOf('=');
        s = pad >= 0 ? s.substring(0, pad) : s;
        try {
            return utf8(Base64.getDecoder().decode(s + "=".repeat((4 - s.length() % 4) % 4)));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hex(String run) {
        byte[] bytes = new byte[run.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(run, 2 * i, 2 * i + 2, 16);
        }
        return utf8(bytes);
    }

    private static String percent(String run) {
        try {
            String decoded = URLDecoder.decode(run, StandardCharsets.UTF_8);
            return decoded.indexOf('\uFFFD') >= 0 ? null : decoded;
        } catch (IllegalArgumentException e) {
            return null; // a truncated or malformed escape
        }
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Mostly letters and spaces: random bytes and binary formats are not hidden text. */
    private static boolean readable(String s) {
        if (s.length() < 8) {
            return false;
        }
        int letters = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t') {
                return false;
            }
            if (Character.isLetter(c) || c == ' ') {
                letters++;
            }
        }
        return letters * 10 >= s.length() * 7;
    }
}
