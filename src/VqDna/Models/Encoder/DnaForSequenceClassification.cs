using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// Fine-tuning model: the encoder, then a head on the non-padding hidden states pooled into one vector (GUE tasks,
/// the variant task): their mean by default, their maximum, or both side by side (<see cref="ClassifierConfig.Pooling"/>). The paper fine-tunes with LoRA and an MLP head (<see cref="ClassificationHead"/>);
/// a linear probe (<see cref="ClassifierConfig.Probe"/>) uses a single Linear. The head is registered as
/// <c>classifier</c>, the name peft's SEQ_CLS task saves as a module to save.
/// </summary>
public sealed class DnaForSequenceClassification : Module
{
    /// <summary>The head's module name (the state-dict prefix "classifier.").</summary>
    public const string HeadName = "classifier";
    /// <summary>The pooled vector's standardiser's module name (<see cref="ClassifierConfig.PooledBatchNorm"/>), before the head.</summary>
    public const string PooledNormName = "pooled_norm";

    /// <summary>
    /// Whether <paramref name="parameterName"/> belongs to the encoder's input layer: the token embedding table, or a learned
    /// tokenizer's input projection and mask vector (fine-tuning's `--freeze-embedding` holds these).
    /// </summary>
    public static bool IsEmbeddingParameter(string parameterName) =>
        parameterName.StartsWith("encoder.token_embedding.", StringComparison.Ordinal)
        || parameterName.StartsWith("encoder.input_projection.", StringComparison.Ordinal)
        || parameterName == "encoder.mask_vector";

    /// <summary>
    /// Builds the encoder described by <paramref name="config"/> and the head described by <paramref name="classifier"/> (validated first).
    /// </summary>
    public DnaForSequenceClassification(EncoderConfig config, ClassifierConfig classifier)
    {
        Classifier = classifier.Validate();
        encoder = RegisterModule("encoder", new DnaEncoder(config));
        int width = encoder.Config.Width, pooled = classifier.Pooling.PooledWidth(width);
        // Before the head in the state dict, as in the forward pass; a model without it keeps the keys it always had.
        if (classifier.PooledBatchNorm) RegisterModule(PooledNormName, new BatchNorm1d(pooled));
        Module<Tensor, Tensor> head = classifier.Probe
            ? new Linear(pooled, classifier.NumLabels)
            : new ClassificationHead(pooled, width, classifier.NumLabels, classifier.Dropout);
        RegisterModule(HeadName, head);
        BertInit.Apply(head);
    }

    /// <summary>The encoder's architecture.</summary>
    public EncoderConfig Config => encoder.Config;
    /// <summary>The head's settings.</summary>
    public ClassifierConfig Classifier { get; }
    /// <summary>The width of the pooled vector the head reads: the encoder's, twice it under <see cref="SequencePooling.MeanMax"/>.</summary>
    public int PooledWidth => Classifier.Pooling.PooledWidth(encoder.Config.Width);
    /// <summary>The encoder.</summary>
    public DnaEncoder encoder { get; }
    /// <summary>The head (a <see cref="ClassificationHead"/>, or one Linear for a probe), or the LoRA wrapper put in its place.</summary>
    public Module<Tensor, Tensor> classifier => GetModule<Module<Tensor, Tensor>>(HeadName);
    /// <summary>The pooled vector's standardiser (<see cref="ClassifierConfig.PooledBatchNorm"/>), or null.</summary>
    public BatchNorm1d? pooled_norm => Classifier.PooledBatchNorm ? GetModule<BatchNorm1d>(PooledNormName) : null;

    /// <summary>
    /// pooled (B, P) → logits (B, C): standardised first when <see cref="ClassifierConfig.PooledBatchNorm"/> says so, then the
    /// head. Every caller that holds pooled vectors (training, chunked inference, the engines) goes through here.
    /// </summary>
    public Tensor Head(Tensor pooled)
    {
        if (pooled_norm is not { } norm) return classifier.Forward(pooled);
        using var standardised = norm.Forward(pooled);
        return classifier.Forward(standardised);
    }

    /// <summary>
    /// labels: null or (B) int64 class indices. Inputs longer than the model's context are classified by
    /// <c>Inference.SequenceClassifier</c>, which encodes them in chunks and pools over every token.
    /// </summary>
    public ClassificationOutput Forward(EncoderInput input, Tensor? labels = null)
    {
        var pooled = Pool(input);                                                    // (B, P)
        var logits = Head(pooled);                                                   // (B, C)
        var loss = labels is null ? null : F.cross_entropy(logits, labels);
        return new ClassificationOutput(loss, logits, pooled);
    }

    /// <summary>
    /// (B, P): each row's hidden states pooled as <see cref="ClassifierConfig.Pooling"/> says, the head's input for rows
    /// that fit the context (<c>Inference.SequenceClassifier</c> combines the chunks of longer ones the same way).
    /// </summary>
    public Tensor Pool(EncoderInput input)
    {
        using var encoded = encoder.Forward(input);
        if (Classifier.Pooling == SequencePooling.Mean) return encoded.Pooled.alias();
        using var keep = DnaEncoder.RealTokens(input);
        if (Classifier.Pooling != SequencePooling.MeanMax) return DnaEncoder.Pool(encoded.HiddenStates, keep, Classifier.Pooling);
        // The encoder already holds the mean (the same MeanPool over the same tokens): only the max is new.
        using var largest = DnaEncoder.MaxPool(encoded.HiddenStates, keep);
        return torch.cat([encoded.Pooled, largest], 1);
    }

    /// <summary>
    /// Copies a pre-trained encoder into this model: every key "encoder.…" of <paramref name="pretrained"/>
    /// (a <see cref="DnaForMaskedModeling"/> or classification state dict); other keys (masked-modeling
    /// heads, an old classifier) are ignored. Strict on the encoder: a missing or extra encoder key, or a
    /// shape that differs, is an error naming it.
    /// </summary>
    public void LoadEncoderWeights(IReadOnlyDictionary<string, Tensor> pretrained)
    {
        const string prefix = "encoder.";
        var encoderState = pretrained.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value);
        if (encoderState.Count == 0)
            throw new InvalidDataException($"the pre-trained weights hold no '{prefix}' keys: not an encoder checkpoint");
        encoder.LoadStateDict(encoderState);
    }
}
