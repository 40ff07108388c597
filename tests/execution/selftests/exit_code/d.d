import std.stdio : stderr, stdin, writeln;

int main()
{
    foreach (chunk; stdin.byChunk(65_536))
    {
    }
    writeln("out");
    stderr.writeln("err");
    return 42;
}
