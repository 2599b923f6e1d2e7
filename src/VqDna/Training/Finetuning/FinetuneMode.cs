namespace VqDna.Training.Finetuning;

/// <summary>What fine-tuning trains.</summary>
public enum FinetuneMode
{
    /// <summary>LoRA adapters on the attention query and value (DNABERT-2's default) plus the head; the encoder frozen.</summary>
    Lora,
    /// <summary>Every weight.</summary>
    Full,
    /// <summary>A linear head on the frozen encoder's pooled output (a linear probe).</summary>
    Probe,
}
