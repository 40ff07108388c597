// Prints OK and the Unicode line of its own source only if Kotlin reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
import kotlin.system.exitProcess

const val EXPECTED = "héllo wörld ✓ 世界 🎉"

fun main() {
    val lines = System.`in`.readBytes().toString(Charsets.UTF_8).split("\n")
    val count = lines[0].toInt()
    val total = lines.subList(1, 1 + count).map { it.toLong() }.sum()
    if (total != count.toLong() * (count + 1) / 2) {
        println("FAIL sum $total")
        exitProcess(1)
    }
    val word = lines[1 + count]
    if (word != EXPECTED || word.codePointCount(0, word.length) != 18) {
        println("FAIL unicode $word")
        exitProcess(1)
    }
    println("OK $EXPECTED")
}
