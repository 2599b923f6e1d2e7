using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Models.Encoder;

/// <summary>
/// Pre-training model: the encoder plus one masked-modeling head per <see cref="EncoderConfig.OutputVocab"/>
/// entry. For id tokenizers that is BERT's MLM over the vocabulary; for VQDNA it is masked code modeling:
/// each HRQ level's head predicts the code that level chose at the masked position (the paper masks 25% of
/// positions and keeps the codebook frozen; masking and targets come from the data collator).
/// Loss = Σ over heads of mean cross-entropy at labelled positions. The issue asks for the levels' losses
/// summed; we sum unweighted, so with two levels the total is about twice a single level's.
/// </summary>
public sealed class DnaForMaskedModeling : Module
{
    /// <summary>Label value at positions that count in no loss (PyTorch's ignore_index).</summary>
    public const long IgnoreIndex = -100;

    /// <summary>
    /// Builds the encoder described by <paramref name="config"/> and one head per <see cref="EncoderConfig.OutputVocab"/> entry,
    /// BERT-initialised.
    /// </summary>
    public DnaForMaskedModeling(EncoderConfig config)
    {
        encoder = RegisterModule("encoder", new DnaEncoder(config));
        var c = encoder.Config;
        heads = RegisterModule("heads", new ModuleList<MaskedModelingHead>(c.OutputVocab!.Select(v => new MaskedModelingHead(c.Width, v, c.LayerNormEps))));
        foreach (var head in heads) BertInit.Apply(head);
    }

    /// <summary>The encoder's architecture.</summary>
    public EncoderConfig Config => encoder.Config;
    /// <summary>The encoder.</summary>
    public DnaEncoder encoder { get; }
    /// <summary>The masked-modeling heads, one per output vocabulary (one per HRQ level for learned tokenizers).</summary>
    public ModuleList<MaskedModelingHead> heads { get; }

    /// <summary>
    /// labels: null, or one (B, T) int64 tensor per head with the target class at masked positions and
    /// <see cref="IgnoreIndex"/> elsewhere. A head whose labels are all ignored has a NaN loss, as PyTorch's.
    /// </summary>
    public MaskedModelingOutput Forward(EncoderInput input, IReadOnlyList<Tensor>? labels = null)
    {
        if (labels is not null && labels.Count != heads.Count)
            throw new ArgumentException($"expected labels for {heads.Count} head(s) (OutputVocab = [{string.Join(", ", Config.OutputVocab!)}]), got {labels.Count}");
        var encoded = encoder.Forward(input);
        encoded.Pooled.Dispose();
        var logits = heads.Select(h => h.Forward(encoded.HiddenStates)).ToList();  // (B, T, V_i) each
        Tensor? loss = null;
        if (labels is not null)
        {
            for (int i = 0; i < heads.Count; i++)
            {
                long classes = logits[i].size(-1);
                using var flatLogits = logits[i].view(-1, classes);
                using var flatLabels = labels[i].reshape(-1);
                using var headLoss = F.cross_entropy(flatLogits, flatLabels, ignore_index: IgnoreIndex);
                var sum = loss is null ? headLoss.alias() : loss + headLoss;      // Σ over heads (levels)
                loss?.Dispose();
                loss = sum;
            }
        }
        return new MaskedModelingOutput(loss, logits, encoded.HiddenStates);
    }

    /// <summary>
    /// The same loss as <see cref="Forward"/>, with the heads run only at labelled positions (~25% with the
    /// paper's masking): a pre-training step then spends nothing on (B, T, V) logits it would ignore.
    /// labels: one (B, T) int64 tensor per head, <see cref="IgnoreIndex"/> at unlabelled positions.
    /// </summary>
    public MaskedPredictionOutput PredictMasked(EncoderInput input, IReadOnlyList<Tensor> labels)
    {
        if (labels.Count != heads.Count)
            throw new ArgumentException($"expected labels for {heads.Count} head(s) (OutputVocab = [{string.Join(", ", Config.OutputVocab!)}]), got {labels.Count}");
        using var encoded = encoder.Forward(input);
        using var flatHidden = encoded.HiddenStates.view(-1, Config.Width);          // (B·T, D)
        var logits = new List<Tensor>();
        var targets = new List<Tensor>();
        Tensor? loss = null;
        for (int i = 0; i < heads.Count; i++)
        {
            using var flatLabels = labels[i].reshape(-1);                             // (B·T)
            using var labelled = flatLabels.ne(IgnoreIndex);
            using var found = labelled.nonzero();                                     // (N, 1)
            using var positions = found.view(-1);                                     // (N)
            using var hidden = flatHidden.index_select(0, positions);                 // (N, D)
            var headLogits = heads[i].Forward(hidden);                                // (N, V_i)
            var target = flatLabels.index_select(0, positions);                       // (N)
            using var headLoss = F.cross_entropy(headLogits, target);
            var sum = loss is null ? headLoss.alias() : loss + headLoss;            // Σ over heads (levels)
            loss?.Dispose();
            loss = sum;
            logits.Add(headLogits);
            targets.Add(target);
        }
        return new MaskedPredictionOutput(loss!, logits, targets);
    }
}
