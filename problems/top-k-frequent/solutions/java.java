import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        int n = in.nextInt(), k = in.nextInt();
        HashMap<Long, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) counts.merge(in.nextLong(), 1, Integer::sum);
        List<Map.Entry<Long, Integer>> ranked = new ArrayList<>(counts.entrySet());
        ranked.sort((a, b) -> !a.getValue().equals(b.getValue())
                ? Integer.compare(b.getValue(), a.getValue())
                : Long.compare(a.getKey(), b.getKey()));
        StringJoiner out = new StringJoiner(" ");
        for (int i = 0; i < k; i++) out.add(String.valueOf(ranked.get(i).getKey()));
        System.out.println(out);
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
