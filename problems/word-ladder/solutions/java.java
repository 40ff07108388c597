import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

public class Main {
    public static void main(String[] args) throws IOException {
        Tokens in = new Tokens();
        String begin = in.next(), end = in.next();
        int n = in.nextInt();
        Set<String> vocabulary = new HashSet<>();
        for (int i = 0; i < n; i++) vocabulary.add(in.next());
        System.out.println(ladderLength(begin, end, vocabulary));
    }

    static int ladderLength(String begin, String end, Set<String> vocabulary) {
        if (!vocabulary.contains(end)) return 0;
        vocabulary.add(begin);
        Map<String, List<String>> buckets = new HashMap<>();
        for (String word : vocabulary) {
            for (int i = 0; i < word.length(); i++) {
                String pattern = word.substring(0, i) + "*" + word.substring(i + 1);
                buckets.computeIfAbsent(pattern, key -> new ArrayList<>()).add(word);
            }
        }
        Map<String, Integer> distance = new HashMap<>();
        distance.put(begin, 1);
        ArrayDeque<String> queue = new ArrayDeque<>(List.of(begin));
        while (!queue.isEmpty()) {
            String word = queue.poll();
            if (word.equals(end)) return distance.get(word);
            for (int i = 0; i < word.length(); i++) {
                List<String> neighbours = buckets.remove(word.substring(0, i) + "*" + word.substring(i + 1));
                if (neighbours == null) continue;
                for (String next : neighbours) {
                    if (!distance.containsKey(next)) {
                        distance.put(next, distance.get(word) + 1);
                        queue.add(next);
                    }
                }
            }
        }
        return 0;
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
