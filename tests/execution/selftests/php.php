<?php
// Prints OK and the Unicode line of its own source only if PHP reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
$expected = "héllo wörld ✓ 世界 🎉";
$lines = explode("\n", stream_get_contents(STDIN));
$count = intval($lines[0]);
$total = array_sum(array_map('intval', array_slice($lines, 1, $count)));
if ($total !== intdiv($count * ($count + 1), 2)) {
    echo "FAIL sum $total\n";
    exit(1);
}
$word = $lines[$count + 1];
if ($word !== $expected || preg_match_all('/./us', $word) !== 18) {
    echo "FAIL unicode $word\n";
    exit(1);
}
echo "OK $expected\n";
