# Prints OK and the Unicode line of its own source only if Perl reads all of stdin, adds up its
# numbers and handles Unicode in, through and out.
use strict;
use warnings;
use utf8;
binmode STDIN, ':encoding(UTF-8)';
binmode STDOUT, ':encoding(UTF-8)';

my $expected = "héllo wörld ✓ 世界 🎉";
my @lines = split /\n/, do { local $/; <STDIN> };
my $count = $lines[0];
my $total = 0;
$total += $lines[$_] for 1 .. $count;
if ($total != $count * ($count + 1) / 2) {
    print "FAIL sum $total\n";
    exit 1;
}
my $word = $lines[$count + 1];
if ($word ne $expected || length($word) != 18) {
    print "FAIL unicode $word\n";
    exit 1;
}
print "OK $expected\n";
