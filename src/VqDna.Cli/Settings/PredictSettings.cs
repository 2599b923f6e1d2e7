using VqDna.Inference;
using VqDna.Models.Engines;

namespace VqDna.Cli.Settings;

/// <summary>Settings of `vqdna predict`, named after their options.</summary>
/// <param name="Input">CSV or sequence file (the input argument).</param>
/// <param name="Model">Fine-tuned model folder (--model).</param>
/// <param name="Output">Predictions CSV, or - for standard output (--output).</param>
/// <param name="Batch">Sequences per forward pass (--batch).</param>
/// <param name="Engine">What runs the forward passes (--engine).</param>
/// <param name="Force">Use an adapter's base even when its weights changed (--force).</param>
internal sealed record PredictSettings(string Input, string Model, string Output, int Batch, InferenceEngine Engine = InferenceDefaults.Engine, bool Force = false) : IVerbSettings
{
    public void Validate()
    {
        Check.InputFile("<input>", Input, "a CSV with a 'sequence' column, or a FASTA/GenBank/FASTQ file");
        Check.InputFolder("--model", Model, "a folder from `vqdna finetune`");
        Check.OutputFile("--output", Output, new("<input>", Input), new("--model", Model));
        Check.Positive("--batch", Batch);
    }
}
