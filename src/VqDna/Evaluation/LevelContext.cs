using System.Text.Json.Serialization;

namespace VqDna.Evaluation;

/// <summary>
/// What one quantizer level's code at position i says about the bases around i (issue 21), in bits, each
/// a Miller–Madow-corrected plug-in estimate (see <see cref="MutualInformation"/>). A code that only relabels
/// the base at i scores <see cref="BaseBits"/> = <see cref="EntropyBits"/> and zero everywhere else.
/// </summary>
/// <param name="CodebookSize">Codes in this level's codebook.</param>
/// <param name="EntropyBits">H(code): what the code can say at most.</param>
/// <param name="BaseBits">I(code_i; base_i): what it says about its own base (at most 2 bits).</param>
/// <param name="OffsetBits">I(code_i; base_i+d) for d = −D…+D (index d + D); at d ≠ 0 this includes what base_i itself predicts of base_i+d.</param>
/// <param name="ConditionalOffsetBits">I(code_i; base_i+d | base_i) for d = −D…+D: what the code adds about base_i+d beyond base_i (0 at d = 0).</param>
/// <param name="ContextBits">I(code_i; bases i−r…i+r | base_i) for r = 1…R (index r − 1): the code's context beyond its own base.</param>
/// <param name="CellsPerSample">Occupied (code, bases i−r…i+r) cells per sample for r = 1…R: near 1 or above, the table is too sparse and <see cref="ContextBits"/> is biased upwards.</param>
public sealed record LevelContext(int CodebookSize, double EntropyBits, double BaseBits, double[] OffsetBits, double[] ConditionalOffsetBits,
    double[] ContextBits, double[] CellsPerSample)
{
    /// <summary>I(code_i; the centred k-mer around i) for k = 3, 5, … (= <see cref="BaseBits"/> + <see cref="ContextBits"/>, by the chain rule).</summary>
    [JsonIgnore]
    public double[] KmerBits => [.. ContextBits.Select(c => BaseBits + c)];

    /// <summary>One line: entropy, own-base bits, context at each radius, the largest offset gain.</summary>
    public string Describe()
    {
        int d = ConditionalOffsetBits.Length / 2;
        int best = Enumerable.Range(0, ConditionalOffsetBits.Length).MaxBy(j => ConditionalOffsetBits[j]);
        return $"H(code) {EntropyBits:F2}  I(code;base) {BaseBits:F2}  context r=1..{ContextBits.Length} " +
            string.Join("/", ContextBits.Select(c => c.ToString("F2"))) +
            $"  best offset {best - d:+0;-0;0} {ConditionalOffsetBits[best]:F3} bits";
    }
}
