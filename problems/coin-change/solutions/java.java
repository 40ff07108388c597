import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        int n = in.nextInt(), amount = in.nextInt();
        int unreachable = amount + 1;
        int[] fewest = new int[amount + 1];
        Arrays.fill(fewest, unreachable);
        fewest[0] = 0;
        for (int i = 0; i < n; i++) {
            int coin = in.nextInt();
            for (int total = coin; total <= amount; total++) {
                fewest[total] = Math.min(fewest[total], fewest[total - coin] + 1);
            }
        }
        System.out.println(fewest[amount] == unreachable ? -1 : fewest[amount]);
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
