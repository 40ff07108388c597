// Prints OK and the Unicode line of its own source only if D reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
import core.stdc.stdlib : exit;
import std.algorithm : map, sum;
import std.conv : to;
import std.range : walkLength;
import std.stdio : stdin, writeln;
import std.string : split;

enum expected = "héllo wörld ✓ 世界 🎉";

void main()
{
    ubyte[] data;
    foreach (chunk; stdin.byChunk(65_536))
        data ~= chunk;
    auto lines = (cast(string) data).split("\n");
    auto count = lines[0].to!long;
    long total = lines[1 .. 1 + count].map!(to!long).sum;
    if (total != count * (count + 1) / 2)
    {
        writeln("FAIL sum ", total);
        exit(1);
    }
    auto word = lines[1 + count];
    if (word != expected || word.walkLength != 18)
    {
        writeln("FAIL unicode ", word);
        exit(1);
    }
    writeln("OK ", expected);
}
