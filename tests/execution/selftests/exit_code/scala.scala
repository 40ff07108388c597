object Main {
  def main(args: Array[String]): Unit = {
    System.in.readAllBytes()
    println("out")
    System.err.println("err")
    sys.exit(42)
  }
}
