// Prints OK and the Unicode line of its own source only if Java reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

public class Main {
    static final String EXPECTED = "héllo wörld ✓ 世界 🎉";

    public static void main(String[] args) throws Exception {
        BufferedReader reader =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> lines = reader.lines().collect(Collectors.toList());
        int count = Integer.parseInt(lines.get(0));
        long total = lines.subList(1, 1 + count).stream().mapToLong(Long::parseLong).sum();
        if (total != (long) count * (count + 1) / 2) {
            System.out.println("FAIL sum " + total);
            System.exit(1);
        }
        String word = lines.get(1 + count);
        if (!word.equals(EXPECTED) || word.codePointCount(0, word.length()) != 18) {
            System.out.println("FAIL unicode " + word);
            System.exit(1);
        }
        System.out.println("OK " + EXPECTED);
    }
}
