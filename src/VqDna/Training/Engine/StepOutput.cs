namespace VqDna.Training.Engine;

/// <summary>What one micro-batch of a step produced: the loss to back-propagate and the trainer's measures.</summary>
public sealed record StepOutput(VqDna.Torch.Tensor Loss, StepDetails Details);
