import kotlin.system.exitProcess

fun main() {
    System.`in`.readBytes()
    println("out")
    System.err.println("err")
    exitProcess(42)
}
