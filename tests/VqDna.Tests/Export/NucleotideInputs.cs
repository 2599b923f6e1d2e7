using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace VqDna.Tests.Export;

/// <summary>Rows of bases as the nucleotides-in graphs take them: ids A C G T N = 0 1 2 3 4 and a mask, padded to the longest row.</summary>
internal static class NucleotideInputs
{
    /// <summary>The <c>nucleotides</c> and <c>attention_mask</c> inputs (batch, longest row) of <paramref name="sequences"/>.</summary>
    public static NamedOnnxValue[] Of(IReadOnlyList<string> sequences)
    {
        int batch = sequences.Count, width = sequences.Max(s => s.Length);
        var ids = new long[batch * width];
        var mask = new long[batch * width];
        for (int b = 0; b < batch; b++)
            for (int i = 0; i < sequences[b].Length; i++)
            {
                ids[b * width + i] = "ACGTN".IndexOf(sequences[b][i]);
                mask[b * width + i] = 1;
            }
        return [
            NamedOnnxValue.CreateFromTensor("nucleotides", new DenseTensor<long>(ids, [batch, width])),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, [batch, width]))];
    }
}
