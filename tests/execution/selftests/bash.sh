# Prints OK and the Unicode line of its own source only if bash reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
expected='héllo wörld ✓ 世界 🎉'
mapfile -t lines
count=${lines[0]}
total=0
for ((i = 1; i <= count; i++)); do
    total=$((total + lines[i]))
done
word=${lines[count + 1]}
if ((total != count * (count + 1) / 2)); then
    echo "FAIL sum $total"
    exit 1
fi
if [[ "$word" != "$expected" || ${#word} -ne 18 ]]; then
    echo "FAIL unicode ${#word}"
    exit 1
fi
echo "OK $expected"
