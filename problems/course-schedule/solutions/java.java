import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        int n = in.nextInt(), m = in.nextInt();
        List<List<Integer>> unlocks = new ArrayList<>();
        for (int i = 0; i < n; i++) unlocks.add(new ArrayList<>());
        int[] missing = new int[n];
        for (int i = 0; i < m; i++) {
            int course = in.nextInt(), before = in.nextInt();
            unlocks.get(before).add(course);
            missing[course]++;
        }
        PriorityQueue<Integer> ready = new PriorityQueue<>();
        for (int course = 0; course < n; course++) if (missing[course] == 0) ready.add(course);
        StringJoiner order = new StringJoiner(" ");
        int taken = 0;
        while (!ready.isEmpty()) {
            int course = ready.poll();
            order.add(String.valueOf(course));
            taken++;
            for (int next : unlocks.get(course)) if (--missing[next] == 0) ready.add(next);
        }
        System.out.println(taken == n ? order.toString() : "IMPOSSIBLE");
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
