using System.Text.Json.Serialization;

namespace VqDna.Models.Encoder;

/// <summary>
/// config.json of an encoder model folder: which model class (<see cref="Architecture"/>), the encoder's
/// architecture, the classification head's when there is one, and the version that wrote it; like a Hugging
/// Face config it names its <see cref="ModelType"/> and, for a classifier, its labels both ways
/// (<see cref="Id2Label"/>, <see cref="Label2Id"/>). Folders written before those fields existed still load.
/// </summary>
/// <param name="Architecture">"DnaForMaskedModeling" or "DnaForSequenceClassification" (Hugging Face's "architectures").</param>
/// <param name="Encoder">The encoder's architecture.</param>
/// <param name="Classifier">The head, for DnaForSequenceClassification; null otherwise.</param>
/// <param name="Version">VQDNA.NET version that wrote the folder.</param>
public sealed record EncoderModelConfig(string Architecture, EncoderConfig Encoder, ClassifierConfig? Classifier, string Version)
{
    /// <summary><see cref="Architecture"/> of a pre-trained model.</summary>
    public const string MaskedModeling = nameof(DnaForMaskedModeling);
    /// <summary><see cref="Architecture"/> of a fine-tuned classifier.</summary>
    public const string SequenceClassification = nameof(DnaForSequenceClassification);

    /// <summary>Hugging Face's <c>model_type</c> for our models.</summary>
    public const string VqDnaModelType = "vqdna";

    /// <summary>The model family, as Hugging Face's <c>model_type</c>: always "vqdna" (null in folders older than the field).</summary>
    public string? ModelType { get; init; } = VqDnaModelType;

    /// <summary>Class index (as a string, as Hugging Face writes it) → label, for a classifier; null otherwise.</summary>
    [JsonPropertyName("id2label")]
    public IReadOnlyDictionary<string, string>? Id2Label { get; init; }

    /// <summary>Label → class index, for a classifier; null otherwise.</summary>
    [JsonPropertyName("label2id")]
    public IReadOnlyDictionary<string, int>? Label2Id { get; init; }

    /// <summary>This config with <paramref name="labels"/> (in class order) recorded both ways.</summary>
    public EncoderModelConfig WithLabels(IReadOnlyList<string> labels) => this with
    {
        Id2Label = labels.Select((l, i) => (l, i)).ToDictionary(x => x.i.ToString(System.Globalization.CultureInfo.InvariantCulture), x => x.l),
        Label2Id = labels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i),
    };
}
