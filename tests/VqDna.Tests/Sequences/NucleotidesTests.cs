using VqDna.Sequences;

namespace VqDna.Tests.Sequences;

public sealed class NucleotidesTests
{
    [Fact]
    public void NormalizesCaseUracilAndIupacCodes()
    {
        Assert.Equal("ACGTTNNNNNNNNNNNN", Nucleotides.Normalize("acgtURYSWKMBDHVNn"));
    }

    [Theory]
    [InlineData("ACGX", 'X', 4)]
    [InlineData("AC-G", '-', 3)]
    [InlineData("A1", '1', 2)]
    [InlineData("ACGÅ", 'Å', 4)]
    public void RejectsNonNucleotidesNamingTheColumn(string text, char bad, int column)
    {
        var e = Assert.Throws<SequenceFormatException>(() => Nucleotides.Normalize(text, "input.txt"));
        Assert.Contains($"'{bad}' at column {column}", e.Message);
        Assert.Contains("input.txt", e.Message);
    }

    [Fact]
    public void ReverseComplementIsAnInvolution()
    {
        Assert.Equal("NACGT", Nucleotides.ReverseComplement("ACGTN"));
        Assert.Equal("AACGTTG", Nucleotides.ReverseComplement(Nucleotides.ReverseComplement("AACGTTG")));
    }

    [Fact]
    public void GcContentIgnoresN() => Assert.Equal(0.5, Nucleotides.GcContent("GCATNNNN"));
}
