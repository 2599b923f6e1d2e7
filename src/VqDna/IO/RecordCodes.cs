namespace VqDna.IO;

/// <summary>One record's codes: one array per quantizer level (level 1 first).</summary>
public sealed record RecordCodes(string Id, int[][] Levels)
{
    /// <summary>Positions in the record (the length of each level's array).</summary>
    public int Length => Levels.Length == 0 ? 0 : Levels[0].Length;
}
