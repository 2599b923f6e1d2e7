namespace VqDna.Torch.NN;

/// <summary>
/// 1-D convolution over (N, C_in, L), weight (C_out, C_in / groups, kernel), initialised as
/// torch.nn.Conv1d. groups = C_in = C_out makes it depth-wise (the ConvNeXt block's token mixer).
/// </summary>
public sealed class Conv1d : Module<Tensor, Tensor>
{
    /// <summary>Creates the layer with PyTorch's initialisation (kaiming-uniform weight, a = √5; uniform bias in ±1/√fan_in).</summary>
    public Conv1d(long in_channels, long out_channels, long kernel_size, long stride = 1, long padding = 0,
        long dilation = 1, long groups = 1, bool bias = true)
    {
        if (groups < 1 || in_channels % groups != 0 || out_channels % groups != 0)
            throw new ArgumentException($"Conv1d: in_channels {in_channels} and out_channels {out_channels} must be divisible by groups {groups}");
        (this.stride, this.padding, this.dilation, this.groups) = (stride, padding, dilation, groups);
        weight = RegisterParameter("weight", Init.kaiming_uniform_(torch.empty([out_channels, in_channels / groups, kernel_size]), Math.Sqrt(5)));
        if (bias)
        {
            double bound = 1 / Math.Sqrt(in_channels / groups * kernel_size);
            this.bias = RegisterParameter("bias", Init.uniform_(torch.empty([out_channels]), -bound, bound));
        }
    }

    /// <summary>Step between output positions.</summary>
    public long stride { get; }

    /// <summary>Zeros added on each side of the input.</summary>
    public long padding { get; }
    /// <summary>Spacing between kernel taps.</summary>
    public long dilation { get; }

    /// <summary>Channel groups: 1 is a full convolution, C_in = C_out = groups a depth-wise one.</summary>
    public long groups { get; }

    /// <summary>Kernels, (C_out, C_in / groups, kernel).</summary>
    public Tensor weight { get; }
    /// <summary>One bias per output channel, (C_out), or null without bias.</summary>
    public Tensor? bias { get; }

    /// <summary>Convolves <paramref name="input"/> (N, C_in, L) into (N, C_out, L_out) (torch.nn.functional.conv1d).</summary>
    public override Tensor Forward(Tensor input) => F.conv1d(input, weight, bias, stride, padding, dilation, groups);
}
