// Prints OK and the Unicode line of its own source only if Groovy reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
final String EXPECTED = "héllo wörld ✓ 世界 🎉"

String[] lines = new String(System.in.readAllBytes(), "UTF-8").split("\n", -1)
int count = lines[0] as int
long total = 0
for (int i = 1; i <= count; i++) {
    total += lines[i] as long
}
if (total != ((long) count * (count + 1)).intdiv(2)) {
    println "FAIL sum ${total}"
    System.exit(1)
}
String word = lines[1 + count]
if (word != EXPECTED || word.codePointCount(0, word.length()) != 18) {
    println "FAIL unicode ${word}"
    System.exit(1)
}
println "OK ${EXPECTED}"
