// Prints OK and the Unicode line of its own source only if C# reads all of stdin, adds up its
// numbers and handles Unicode in, through and out.
using System;
using System.IO;
using System.Linq;
using System.Text;

public class Program
{
    const string Expected = "héllo wörld ✓ 世界 🎉";

    public static int Main()
    {
        var utf8 = new UTF8Encoding(false);
        var stdout = new StreamWriter(Console.OpenStandardOutput(), utf8);
        var input = new StreamReader(Console.OpenStandardInput(), utf8).ReadToEnd();
        var lines = input.Split('\n');
        int count = int.Parse(lines[0]);
        long total = lines.Skip(1).Take(count).Sum(line => long.Parse(line));
        string word = lines[1 + count];
        int codePoints = word.Count(c => !char.IsLowSurrogate(c));
        if (total != (long)count * (count + 1) / 2)
        {
            stdout.WriteLine("FAIL sum " + total);
        }
        else if (word != Expected || codePoints != 18)
        {
            stdout.WriteLine("FAIL unicode " + word);
        }
        else
        {
            stdout.WriteLine("OK " + Expected);
            stdout.Flush();
            return 0;
        }
        stdout.Flush();
        return 1;
    }
}
