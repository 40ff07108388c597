import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    static int lowerBound(long[] values, long target) {
        int lo = 0, hi = values.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] < target) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        int n = in.nextInt(), q = in.nextInt();
        long[] values = new long[n];
        for (int i = 0; i < n; i++) values[i] = in.nextLong();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < q; i++) {
            long target = in.nextLong();
            int first = lowerBound(values, target);
            if (first < n && values[first] == target) {
                out.append(first).append(' ').append(lowerBound(values, target + 1) - 1).append('\n');
            } else {
                out.append("-1 -1\n");
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
