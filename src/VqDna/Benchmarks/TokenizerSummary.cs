namespace VqDna.Benchmarks;

/// <summary>One tokenizer's column summary: its average rank and what its backbone cost.</summary>
/// <param name="Tokenizer">The tokenizer's name.</param>
/// <param name="AverageRank">Mean over tasks of <see cref="TaskScore.Rank"/> (lower is better).</param>
/// <param name="TokensPerNucleotide">Tokens per nucleotide on the held-out pre-training windows: the backbone's
/// sequence length per base, hence its cost per step (equal steps are not equal FLOPs across tokenizers).</param>
/// <param name="PretrainMinutes">Pre-training time (of the process that finished it, if it was resumed).</param>
/// <param name="FinetuneMinutes">Fine-tuning time summed over tasks and seeds.</param>
/// <param name="PretrainSteps">Pre-training steps.</param>
/// <param name="Parameters">Backbone parameters (the frozen learned tokenizer not counted).</param>
/// <param name="MaskedAccuracy">Held-out masked-modeling accuracy at the end of pre-training (not comparable
/// across vocabularies: the target sets differ).</param>
public sealed record TokenizerSummary(string Tokenizer, double AverageRank, double TokensPerNucleotide, double PretrainMinutes,
    double FinetuneMinutes, int PretrainSteps, long Parameters, double MaskedAccuracy);
