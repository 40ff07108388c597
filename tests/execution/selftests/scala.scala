// Prints OK and the Unicode line of its own source only if Scala reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
object Main {
  val Expected = "héllo wörld ✓ 世界 🎉"

  def main(args: Array[String]): Unit = {
    val lines = new String(System.in.readAllBytes(), "UTF-8").split("\n", -1)
    val count = lines(0).toInt
    val total = lines.slice(1, 1 + count).map(_.toLong).sum
    if (total != count.toLong * (count + 1) / 2) {
      println(s"FAIL sum $total")
      sys.exit(1)
    }
    val word = lines(1 + count)
    if (word != Expected || word.codePointCount(0, word.length) != 18) {
      println(s"FAIL unicode $word")
      sys.exit(1)
    }
    println(s"OK $Expected")
  }
}
