using SharpFuzz;

namespace VqDna.Fuzz;

/// <summary>
/// `VqDna.Fuzz TARGET` runs under afl-fuzz (input on standard input, one process for many inputs);
/// `VqDna.Fuzz TARGET FILE...` replays inputs and prints what each one did, for triage and for
/// turning a crash into a regression test.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length == 0 || !Targets.ByName.TryGetValue(args[0], out var target))
        {
            Console.Error.WriteLine("usage: VqDna.Fuzz TARGET [FILE...]; targets:");
            foreach (var t in Targets.ByName.Values) Console.Error.WriteLine($"  {t.Name,-12} {t.Description}");
            return 2;
        }
        if (args.Length == 1)
        {
            // Clear errors are swallowed here; anything else escapes and SharpFuzz reports it to AFL as a crash.
            Fuzzer.Run(stream =>
            {
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                try { target.Run(copy.ToArray()); }
                catch (Exception e) when (target.IsClearError(e)) { }
            });
            return 0;
        }
        return Replay(target, args[1..]);
    }

    private static int Replay(FuzzTarget target, string[] files)
    {
        int crashes = 0;
        foreach (var file in files)
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: read");
            }
            catch (Exception e) when (target.IsClearError(e))
            {
                Console.WriteLine($"{file}: refused: {e.Message}");
            }
            catch (Exception e)
            {
                crashes++;
                Console.WriteLine($"{file}: CRASH: {e}");
            }
        }
        Targets.DeleteScratch();
        return crashes == 0 ? 0 : 1;
    }
}
