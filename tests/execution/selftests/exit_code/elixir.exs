IO.read(:stdio, :eof)
IO.puts("out")
IO.puts(:stderr, "err")
System.halt(42)
