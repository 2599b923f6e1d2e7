namespace VqDna.Models.Encoder;

/// <summary>
/// config.json of an encoder model folder: which model class (<see cref="Architecture"/>), the encoder's
/// architecture, the classification head's when there is one, and the version that wrote it.
/// </summary>
/// <param name="Architecture">"DnaForMaskedModeling" or "DnaForSequenceClassification" (Hugging Face's "architectures").</param>
/// <param name="Encoder">The encoder's architecture.</param>
/// <param name="Classifier">The head, for DnaForSequenceClassification; null otherwise.</param>
/// <param name="Version">VQDNA.NET version that wrote the folder.</param>
public sealed record EncoderModelConfig(string Architecture, EncoderConfig Encoder, ClassifierConfig? Classifier, string Version)
{
    public const string MaskedModeling = nameof(DnaForMaskedModeling);
    public const string SequenceClassification = nameof(DnaForSequenceClassification);
}
