using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Baselines;

/// <summary>
/// The classical convolutional baseline: one-hot (N, 4, L) → [Conv1d → ReLU → MaxPool1d] × 2 → global max
/// pool over the valid positions → dropout → Linear. A convolution sees a k-base window, so after two blocks
/// each unit reads a motif of up to ~(k + (k − 1)·pool) bases; the global max makes the answer "is the motif
/// anywhere", which is what k-mer counts measure too. State-dict keys: conv1.*, conv2.*, classifier.*.
/// </summary>
public sealed class OneHotCnn : Module<OneHotBatch, Tensor>
{
    /// <summary>Builds the network described by <paramref name="config"/> (validated first).</summary>
    public OneHotCnn(OneHotCnnConfig config)
    {
        Config = config.Validate();
        int padding = config.KernelSize / 2;
        conv1 = RegisterModule("conv1", new Conv1d(OneHotBatch.Channels, config.Channels, config.KernelSize, padding: padding));
        conv2 = RegisterModule("conv2", new Conv1d(config.Channels, config.Channels, config.KernelSize, padding: padding));
        dropout = RegisterModule("dropout", new Dropout(config.Dropout));
        classifier = RegisterModule("classifier", new Linear(config.Channels, config.NumLabels));
    }

    // Internal for the ONNX export (Export.BaselineOnnxExport), which writes the same layers.
    internal readonly Conv1d conv1;
    internal readonly Conv1d conv2;
    private readonly Dropout dropout;
    internal readonly Linear classifier;

    /// <summary>The architecture it was built from.</summary>
    public OneHotCnnConfig Config { get; }

    /// <summary>Class probabilities per sequence, in eval mode and without gradients, <paramref name="batchSize"/> at a time.</summary>
    public float[][] Probabilities(IReadOnlyList<string> sequences, int batchSize)
    {
        Eval();
        var result = new List<float[]>(sequences.Count);
        using var noGrad = torch.no_grad();
        for (int start = 0; start < sequences.Count; start += batchSize)
        {
            using var scope = torch.NewDisposeScope();
            using var batch = OneHotBatch.Of(sequences.Skip(start).Take(batchSize).ToList(), Config.MinLength);
            var flat = Forward(batch).softmax(1).ToArray<float>();
            int classes = Config.NumLabels;
            for (int row = 0; row < flat.Length / classes; row++) result.Add(flat.AsSpan(row * classes, classes).ToArray());
        }
        return result.ToArray();
    }

    /// <summary>Logits (N, classes).</summary>
    public override Tensor Forward(OneHotBatch batch)
    {
        int pool = Config.PoolSize;
        var h = F.max_pool1d(F.relu(conv1.Forward(batch.OneHot)), pool);         // (N, C, L / p)
        // A shorter row's padding must not leak in: past its pooled length, zeros (what conv2's own padding reads)...
        h = h * batch.ValidMask(h.size(2), pool).to(ScalarType.Float32);
        h = F.max_pool1d(F.relu(conv2.Forward(h)), pool);                          // (N, C, L / p²)
        // ...and −∞ before the global max, so a row scores the same alone or beside a longer one.
        var valid = batch.ValidMask(h.size(2), pool * pool);                       // (N, 1, L / p²)
        var pooled = h.masked_fill(valid.logical_not(), float.NegativeInfinity).max(-1).values;   // (N, C)
        return classifier.Forward(dropout.Forward(pooled));
    }
}
