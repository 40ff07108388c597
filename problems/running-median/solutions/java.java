import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        int n = in.nextInt();
        PriorityQueue<Long> low = new PriorityQueue<>(Comparator.reverseOrder());
        PriorityQueue<Long> high = new PriorityQueue<>();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            long value = in.nextLong();
            if (!low.isEmpty() && value > low.peek()) high.add(value);
            else low.add(value);
            if (low.size() > high.size() + 1) high.add(low.poll());
            else if (high.size() > low.size()) low.add(high.poll());
            if (low.size() > high.size()) {
                out.append(low.peek());
            } else {
                long total = low.peek() + high.peek();
                out.append(total % 2 == 0 ? String.valueOf(total / 2) : String.valueOf(total / 2.0));
            }
            out.append('\n');
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
