namespace VqDna.Torch.NN;

/// <summary>A module with one input and one output.</summary>
public abstract class Module<TInput, TOutput> : Module
{
    /// <summary>Runs the module on <paramref name="input"/>; returns a fresh result the caller disposes.</summary>
    public abstract TOutput Forward(TInput input);
}
