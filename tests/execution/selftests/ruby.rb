# Prints OK and the Unicode line of its own source only if Ruby reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
EXPECTED = "héllo wörld ✓ 世界 🎉"

lines = $stdin.read.split("\n")
count = Integer(lines[0])
total = lines[1, count].sum { |line| Integer(line) }
if total != count * (count + 1) / 2
  puts "FAIL sum #{total}"
  exit 1
end
word = lines[count + 1]
if word != EXPECTED || word.length != 18
  puts "FAIL unicode #{word}"
  exit 1
end
puts "OK #{EXPECTED}"
