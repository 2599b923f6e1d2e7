namespace VqDna.Inference;

/// <summary>
/// A fitted classifier of raw sequences, what `vqdna predict` runs: a fine-tuned model with its tokenizer
/// (<see cref="SequenceClassifier"/>) or a classical baseline written by `vqdna baseline`
/// (<see cref="CnnBaselineClassifier"/>, <see cref="KmerLrBaselineClassifier"/>).
/// </summary>
public interface IClassifierModel
{
    /// <summary>What the model is, for messages ("hrq", "the cnn baseline").</summary>
    string Description { get; }

    /// <summary>
    /// Memory one nucleotide of a batch takes while it is scored (a record is read whole: tokens, or one-hot bases and
    /// their activations): <see cref="Predictor"/> refuses a batch that would take more than half the memory available.
    /// </summary>
    long BytesPerNucleotide { get; }

    /// <summary>Class probabilities (rows, classes), one array per sequence, <paramref name="batchSize"/> sequences per forward pass.</summary>
    float[][] Probabilities(IReadOnlyList<string> sequences, int batchSize);
}
