using VqDna.Models.Encoder;
using VqDna.Torch;
using VqDna.Torch.NN;

namespace VqDna.Tests.Models.Encoder;

/// <summary>
/// The models free every intermediate they make themselves, without relying on a dispose scope: after a
/// training step with no scope, disposing the inputs and outputs brings the live tensor counts back.
/// Serial: the counts are process-wide.
/// </summary>
[Collection("serial")]
public sealed class EncoderDisposalTests
{
    [Fact]
    public void ATrainingStepLeavesNoTensorBehind()
    {
        torch.manual_seed(31);
        using var mlm = new DnaForMaskedModeling(TinyEncoder.Vectors());
        using var classifier = new DnaForSequenceClassification(TinyEncoder.Ids(), new ClassifierConfig(2));
        LoRA.Inject(classifier, new LoRAConfig());
        LoRA.MarkTrainable(classifier, ["classifier"]);
        Step(mlm, classifier); // warm-up: lazily created state (gradients) exists from here on
        var start = (Tensor.LiveCount, Tensor.NativeLiveCount);
        for (int i = 0; i < 3; i++) Step(mlm, classifier);
        Assert.Equal(start, (Tensor.LiveCount, Tensor.NativeLiveCount));
    }

    private static void Step(DnaForMaskedModeling mlm, DnaForSequenceClassification classifier)
    {
        using var vectors = torch.randn(2, 6, 8);
        using var mask = torch.ones([2, 6], ScalarType.Bool);
        using var uniform = torch.rand(2, 6);
        using var masked = uniform < 0.5;
        using var level1 = torch.randint(0, 16, [2, 6]);
        using var level2 = torch.randint(0, 32, [2, 6]);
        using (var output = mlm.Forward(EncoderInput.FromVectors(vectors, mask, masked), [level1, level2]))
            output.Loss!.backward();
        mlm.ZeroGrad();
        using var labelled = level1.masked_fill(masked, -100);
        using (var predicted = mlm.PredictMasked(EncoderInput.FromVectors(vectors, mask, masked), [labelled, level2]))
            predicted.Loss.backward();
        mlm.ZeroGrad();

        using var ids = torch.randint(5, 12, [2, 6]);
        var input = EncoderInput.FromIds(ids);
        using var attention = input.AttentionMask;
        using var labels = torch.tensor(new long[] { 0, 1 });
        using (var output = classifier.Forward(input, labels))
            output.Loss!.backward();
        classifier.ZeroGrad();
    }
}
