import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        int rows = in.nextInt(), cols = in.nextInt();
        boolean[] land = new boolean[rows * cols];
        for (int r = 0; r < rows; r++) {
            String line = in.next();
            for (int c = 0; c < cols; c++) land[r * cols + c] = line.charAt(c) == '1';
        }
        int[] stack = new int[rows * cols];
        int islands = 0;
        for (int start = 0; start < rows * cols; start++) {
            if (!land[start]) continue;
            islands++;
            land[start] = false;
            int top = 0;
            stack[top++] = start;
            while (top > 0) {
                int cell = stack[--top];
                int row = cell / cols, col = cell % cols;
                int[] next = {row > 0 ? cell - cols : -1, row < rows - 1 ? cell + cols : -1,
                        col > 0 ? cell - 1 : -1, col < cols - 1 ? cell + 1 : -1};
                for (int neighbour : next) {
                    if (neighbour >= 0 && land[neighbour]) {
                        land[neighbour] = false;
                        stack[top++] = neighbour;
                    }
                }
            }
        }
        System.out.println(islands);
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
