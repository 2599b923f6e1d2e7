using CsCheck;
using VqDna.Fuzz;

namespace VqDna.Tests.Fuzzing;

/// <summary>
/// The property the AFL++ runs check (scripts/fuzz.sh), in a few seconds per reader for CI: on any input,
/// damaged seeds or random bytes, each reader either reads it or throws its documented clear error
/// (<see cref="VqDna.Sequences.SequenceFormatException"/> or <see cref="InvalidDataException"/>), never anything
/// else. The readers are driven exactly as the fuzz harness drives them (fuzz/VqDna.Fuzz/Targets.cs).
/// </summary>
public sealed class ReaderPropertyTests : IDisposable
{
    private const int Iterations = 1500;

    /// <summary>Every fuzz target, so a reader added to the harness is in the property pass too.</summary>
    public static TheoryData<string> TargetNames => new(Targets.ByName.Keys);

    public void Dispose() => Targets.DeleteScratch();

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void DamagedOrRandomInputIsReadOrRefusedClearly(string name)
    {
        var target = Targets.ByName[name];
        // One thread: the harness reads path-based formats through one scratch file, which runs must not share.
        MutatedInputs.For(name).Sample(input =>
        {
            try { target.Run(input); }
            catch (Exception e) when (target.IsClearError(e)) { }
        }, iter: Iterations, threads: 1, print: input => Convert.ToBase64String(input));
    }

    [Theory]
    [MemberData(nameof(TargetNames))]
    public void EverySeedReads(string name)
    {
        // Seeds are valid files: a property pass that only ever saw refusals would not reach the readers' depths.
        foreach (var seed in MutatedInputs.Seeds(name)) Targets.ByName[name].Run(seed);
    }
}
