using VqDna.Evaluation;
using VqDna.Models.Tokenizer;
using VqDna.Torch;

namespace VqDna.Training;

/// <summary>Reconstruction accuracy, codebook usage and code context (<see cref="CodeContext"/>) of a tokenizer on held-out windows.</summary>
public static class TokenizerEvaluator
{
    /// <summary>
    /// Evaluates on <paramref name="batches"/> held-out batches drawn with a fixed seed (the same windows every time),
    /// on <paramref name="device"/>, where the model lives (the CPU unless given).
    /// </summary>
    public static TokenizerEvaluation Evaluate(VqTokenizerModel model, WindowSampler heldOut, int batches, int batchSize, int seed, Device? device = null)
    {
        bool wasTraining = model.training;
        model.Eval();
        var random = new Random(seed);
        var counts = model.Quantizers.Select(q => new long[q.Config.CodebookSize]).ToArray();
        var context = new CodeContextCounter([.. counts.Select(c => c.Length)]);
        long correct = 0, total = 0;
        try
        {
            using var noGrad = torch.no_grad();
            for (int b = 0; b < batches; b++)
            {
                using var scope = torch.NewDisposeScope();
                var nucleotides = TokenizerTrainer.OnDevice(heldOut.Sample(random, batchSize), device ?? Device.CPU);
                var output = model.Forward(nucleotides);
                correct += output.Logits.argmax(-1).eq(nucleotides).sum().item<long>();
                total += nucleotides.numel();
                for (int level = 0; level < counts.Length; level++)
                {
                    var histogram = torch.bincount(output.Codes.Indices[level].flatten(), minlength: counts[level].Length).ToArray<long>();
                    for (int k = 0; k < histogram.Length; k++) counts[level][k] += histogram[k];
                }
                if (model.Config.Stride == 1 && nucleotides.size(1) > 2 * context.MaxOffset)    // the measure pairs a code with its base
                    context.Add(nucleotides.flatten().ToArray<long>(), [.. output.Codes.Indices.Select(i => i.flatten().ToArray<long>())], (int)nucleotides.size(1));
            }
        }
        finally
        {
            model.Train(wasTraining);
        }
        return new TokenizerEvaluation((double)correct / total, counts.Select(Usage).ToList(), total) { Counts = counts, Context = context.Samples > 0 ? context.Result() : null };
    }

    private static LevelUsage Usage(long[] counts)
    {
        double total = counts.Sum();
        double entropy = counts.Where(c => c > 0).Sum(c => -(c / total) * Math.Log(c / total));
        return new LevelUsage(counts.Length, counts.Count(c => c > 0) / (double)counts.Length, Math.Exp(entropy));
    }
}
