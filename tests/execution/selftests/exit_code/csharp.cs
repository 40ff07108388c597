using System;

public class Program
{
    public static int Main()
    {
        Console.In.ReadToEnd();
        Console.Out.WriteLine("out");
        Console.Error.WriteLine("err");
        return 42;
    }
}
