import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        final int capacity = in.nextInt();
        int count = in.nextInt();
        LinkedHashMap<Long, Long> cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Long> eldest) {
                return size() > capacity;
            }
        };
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            String op = in.next();
            long key = in.nextLong();
            if (op.equals("get")) {
                Long value = cache.get(key);
                out.append(value == null ? -1 : value).append('\n');
            } else {
                cache.put(key, in.nextLong());
            }
        }
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
