namespace VqDna.Export;

/// <summary>What a model folder holds, as far as ONNX export is concerned.</summary>
public enum OnnxExportKind
{
    /// <summary>A learned VQ/HRQ tokenizer folder (`vqdna tokenizer train`).</summary>
    Tokenizer,

    /// <summary>A fine-tuned classifier folder (`vqdna finetune`), merged or with a LoRA adapter.</summary>
    Classifier,

    /// <summary>A pre-trained encoder folder (`vqdna pretrain`): the encoder alone, hidden states and pooled vector out.</summary>
    Encoder,

    /// <summary>A classical baseline (`vqdna baseline`: OUT/cnn or OUT/kmer-lr), nucleotides in.</summary>
    Baseline,
}
