using VqDna.Inputs;
using VqDna.Tokenizers;
using VqDna.Torch;

namespace VqDna.Tests.Inputs;

/// <summary>Batches are built on the CPU and moved once to the device the inputs were sent to (issue 18).</summary>
public sealed class InputsDeviceTests
{
    private static readonly string[] Sequences = ["ACGTACGTAC", "GGCCA"];

    [Fact]
    public void OnTheCpuABatchIsWhatItWasAndStaysThere()
    {
        using var scope = torch.NewDisposeScope();
        using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
        Assert.Equal(Device.CPU, inputs.Device);
        var before = inputs.Batch(inputs.Tokenize(Sequences), new MaskingConfig(), new Random(4));
        Assert.Same(inputs, inputs.To(Device.CPU));
        var after = inputs.Batch(inputs.Tokenize(Sequences), new MaskingConfig(), new Random(4));
        foreach (var t in new[] { after.Input.InputIds!, after.Input.AttentionMask, after.Labels![0] }) Assert.Equal(Device.CPU, t.device);
        Assert.Equal(before.Input.InputIds!.ToArray<long>(), after.Input.InputIds!.ToArray<long>());
        Assert.Equal(before.Labels![0].ToArray<long>(), after.Labels[0].ToArray<long>());
    }

    [Fact]
    public void InputsSentToAnotherDeviceBatchEveryTensorThere()
    {
        // meta stands in for a GPU here: shapes without data, on a device that is not the CPU.
        using var scope = torch.NewDisposeScope();
        using var inputs = new TokenIdInputs(new CharTokenizer(), "char");
        inputs.To(Device.Meta);
        var batch = inputs.Batch(inputs.Tokenize(Sequences), new MaskingConfig(), new Random(4));
        foreach (var t in new[] { batch.Input.InputIds!, batch.Input.AttentionMask, batch.Labels![0] })
        {
            Assert.Equal(Device.Meta, t.device);
            Assert.Equal([2L, 10L], t.shape);
        }
        Assert.Equal(15, batch.Tokens);
    }
}
