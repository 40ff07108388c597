import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    static boolean valid(String text) {
        char[] stack = new char[text.length()];
        int top = 0;
        for (char c : text.toCharArray()) {
            if (c == '(' || c == '[' || c == '{') {
                stack[top++] = c;
                continue;
            }
            char want = c == ')' ? '(' : c == ']' ? '[' : '{';
            if (top == 0 || stack[--top] != want) return false;
        }
        return top == 0;
    }

    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        int count = in.nextInt();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) out.append(valid(in.next()) ? "true\n" : "false\n");
        System.out.print(out);
    }

    /** Whitespace-separated tokens of the whole input. */
    static final class Tokens {
        private final byte[] data;
        private int pos;

        Tokens() throws IOException {
            data = System.in.readAllBytes();
        }

        private void skip() {
            while (pos < data.length && data[pos] <= ' ') pos++;
        }

        String next() {
            skip();
            int start = pos;
            while (pos < data.length && data[pos] > ' ') pos++;
            return new String(data, start, pos - start, StandardCharsets.US_ASCII);
        }

        long nextLong() {
            skip();
            boolean negative = data[pos] == '-';
            if (negative || data[pos] == '+') pos++;
            long value = 0;
            while (pos < data.length && data[pos] > ' ') value = value * 10 + (data[pos++] - '0');
            return negative ? -value : value;
        }

        int nextInt() {
            return (int) nextLong();
        }
    }
}
