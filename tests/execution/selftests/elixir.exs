# Prints OK and the Unicode line of its own source only if Elixir reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
expected = "héllo wörld ✓ 世界 🎉"
[count_line | rest] = :stdio |> IO.read(:eof) |> String.split("\n")
count = String.to_integer(count_line)
{numbers, [word | _]} = Enum.split(rest, count)
total = numbers |> Enum.map(&String.to_integer/1) |> Enum.sum()

cond do
  total != div(count * (count + 1), 2) ->
    IO.puts("FAIL sum #{total}")
    System.halt(1)

  word != expected or length(String.codepoints(word)) != 18 ->
    IO.puts("FAIL unicode #{word}")
    System.halt(1)

  true ->
    IO.puts("OK " <> expected)
end
