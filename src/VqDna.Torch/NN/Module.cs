namespace VqDna.Torch.NN;

/// <summary>
/// Base of every layer and model, as torch.nn.Module: named parameters, buffers and children
/// registered in constructor order (which fixes the state-dict key order), train/eval mode, and a
/// strict state-dict load. A module owns its parameters and buffers and frees them on Dispose.
/// </summary>
public abstract class Module : IDisposable
{
    private readonly List<KeyValuePair<string, Tensor>> parameters = new();
    private readonly List<KeyValuePair<string, Tensor>> buffers = new();
    private readonly List<KeyValuePair<string, Module>> children = new();
    private bool disposed;

    /// <summary>True in training mode (dropout active), false after <see cref="Eval"/>.</summary>
    public bool training { get; private set; } = true;

    /// <summary>Registers a trainable tensor. It leaves every dispose scope: the module owns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        value.requires_grad = true;
        parameters.Add(new(name, value));
        return value;
    }

    /// <summary>Registers persistent non-trainable state (saved in the state dict, e.g. EMA codebooks).</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckName(name);
        value.DetachFromDisposeScope();
        buffers.Add(new(name, value));
        return value;
    }

    /// <summary>
    /// Registers a sub-module under <paramref name="name"/>: its members get the prefix "name." in the state dict. Returns it.
    /// </summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckName(name);
        children.Add(new(name, module));
        return module;
    }

    /// <summary>
    /// Puts <paramref name="module"/> in place of the registered child <paramref name="name"/>, keeping its
    /// position (and so the state-dict key order), and returns the old child undisposed: the caller owns it
    /// (e.g. LoRA wraps it). A module that must see replacements reads its children through
    /// <see cref="GetModule{T}"/> rather than keeping its own reference.
    /// </summary>
    public Module ReplaceModule(string name, Module module)
    {
        int i = children.FindIndex(kv => kv.Key == name);
        if (i < 0) throw new ArgumentException($"{GetType().Name} has no sub-module '{name}'", nameof(name));
        var old = children[i].Value;
        children[i] = new(name, module);
        return old;
    }

    /// <summary>The registered child <paramref name="name"/> as it is now (after any <see cref="ReplaceModule"/>).</summary>
    protected T GetModule<T>(string name) where T : Module
    {
        foreach (var (key, child) in children)
            if (key == name)
                return child as T ?? throw new InvalidOperationException(
                    $"{GetType().Name}.{name} is a {child.GetType().Name}, not a {typeof(T).Name}");
        throw new ArgumentException($"{GetType().Name} has no sub-module '{name}'", nameof(name));
    }

    /// <summary>Swaps the tensor behind a registered buffer (the old one is disposed).</summary>
    protected void ReplaceBuffer(string name, Tensor value)
    {
        int i = buffers.FindIndex(kv => kv.Key == name);
        if (i < 0) throw new ArgumentException($"{GetType().Name} has no buffer '{name}'", nameof(name));
        value.DetachFromDisposeScope();
        if (!ReferenceEquals(buffers[i].Value, value)) buffers[i].Value.Dispose();
        buffers[i] = new(name, value);
    }

    private void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"'{name}' is not a valid member name (non-empty, no dots)", nameof(name));
        if (parameters.Any(kv => kv.Key == name) || buffers.Any(kv => kv.Key == name) || children.Any(kv => kv.Key == name))
            throw new ArgumentException($"{GetType().Name} already has a member named '{name}'", nameof(name));
    }

    /// <summary>
    /// Every parameter, this module's then its children's, with dotted state-dict paths after <paramref name="prefix"/>
    /// (torch.nn.Module.named_parameters).
    /// </summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedParameters(string prefix = "")
    {
        foreach (var (name, p) in parameters) yield return new(prefix + name, p);
        foreach (var (name, child) in children)
            foreach (var kv in child.NamedParameters(prefix + name + ".")) yield return kv;
    }

    /// <summary>Every parameter, in <see cref="NamedParameters"/> order (torch.nn.Module.parameters).</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(kv => kv.Value);

    /// <summary>
    /// Every buffer, this module's then its children's, with dotted state-dict paths after <paramref name="prefix"/>
    /// (torch.nn.Module.named_buffers).
    /// </summary>
    public IEnumerable<KeyValuePair<string, Tensor>> NamedBuffers(string prefix = "")
    {
        foreach (var (name, b) in buffers) yield return new(prefix + name, b);
        foreach (var (name, child) in children)
            foreach (var kv in child.NamedBuffers(prefix + name + ".")) yield return kv;
    }

    /// <summary>The direct sub-modules by name, in registration order (torch.nn.Module.named_children).</summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedChildren() => children;

    /// <summary>
    /// This module (named by the prefix without its final dot) and every descendant, depth first (torch.nn.Module.named_modules).
    /// </summary>
    public IEnumerable<KeyValuePair<string, Module>> NamedModules(string prefix = "")
    {
        yield return new(prefix.TrimEnd('.'), this);
        foreach (var (name, child) in children)
            foreach (var kv in child.NamedModules(prefix + name + ".")) yield return kv;
    }

    /// <summary>Number of trainable elements.</summary>
    public long ParameterCount() => Parameters().Sum(p => p.numel());

    /// <summary>
    /// Parameters then buffers of each module, depth-first in registration order: the same keys as
    /// the equivalent PyTorch module's state_dict(). The tensors are the module's own: do not dispose them.
    /// </summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var result = new OrderedDictionary<string, Tensor>();
        AddState(result, "");
        return result;
    }

    private void AddState(OrderedDictionary<string, Tensor> into, string prefix)
    {
        foreach (var (name, p) in parameters) into.Add(prefix + name, p);
        foreach (var (name, b) in buffers) into.Add(prefix + name, b);
        foreach (var (name, child) in children) child.AddState(into, prefix + name + ".");
    }

    /// <summary>
    /// Copies values into this module's tensors. Strict: a missing or unexpected key is an error. Always:
    /// a shape or dtype that differs from the module's is an error naming the key (never a silent cast).
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var own = StateDict();
        if (strict)
        {
            var missing = own.Keys.Where(k => !state.ContainsKey(k)).ToList();
            var unexpected = state.Keys.Where(k => !own.ContainsKey(k)).ToList();
            if (missing.Count > 0 || unexpected.Count > 0)
                throw new InvalidDataException($"state dict does not match {GetType().Name}: " +
                    (missing.Count > 0 ? $"missing keys [{string.Join(", ", missing)}]" : "") +
                    (missing.Count > 0 && unexpected.Count > 0 ? "; " : "") +
                    (unexpected.Count > 0 ? $"unexpected keys [{string.Join(", ", unexpected)}]" : ""));
        }
        foreach (var (key, target) in own)
        {
            if (!state.TryGetValue(key, out var source)) continue;
            var (want, have) = (target.shape, source.shape);
            if (!want.SequenceEqual(have))
                throw new InvalidDataException($"state dict entry '{key}' has shape [{string.Join(", ", have)}] but the module expects [{string.Join(", ", want)}]");
            if (target.dtype != source.dtype)
                throw new InvalidDataException($"state dict entry '{key}' has dtype {source.dtype} but the module expects {target.dtype}");
        }
        using var noGrad = torch.no_grad();
        foreach (var (key, target) in own)
            if (state.TryGetValue(key, out var source)) target.copy_(source);
    }

    /// <summary>
    /// Moves every parameter and buffer (and any gradient) to <paramref name="device"/> and, when given, casts the
    /// floating-point ones to <paramref name="dtype"/>, in place, as torch.nn.Module.to: each tensor keeps its
    /// identity (<see cref="Tensor.set_data"/>), so references held elsewhere stay valid. Create the optimizer
    /// after the move: its moment buffers are made on the parameters' device when it is constructed.
    /// </summary>
    /// <exception cref="NotSupportedException"><paramref name="device"/> is meta: libtorch swaps storage in place only
    /// between dense devices (cpu, cuda).</exception>
    public Module to(Device device, ScalarType? dtype = null)
    {
        if (device.type == DeviceType.Meta)
            throw new NotSupportedException($"{GetType().Name}.to(meta): modules move in place (set_data), which libtorch allows between cpu and cuda only");
        using var noGrad = torch.no_grad();
        foreach (var (_, t) in NamedParameters().Concat(NamedBuffers()))
        {
            var cast = dtype is { } d && t.dtype.IsFloatingPoint() ? d : (ScalarType?)null;
            if (t.device == device && (cast is null || cast == t.dtype)) continue;
            using var grad = t.grad;
            if (grad is not null) t.grad = null;
            using (var moved = t.to(device, cast)) t.set_data(moved);
            if (grad is not null)
                using (var movedGrad = grad.to(device, cast)) t.grad = movedGrad;
        }
        return this;
    }

    /// <summary>Casts every floating-point parameter and buffer to <paramref name="dtype"/>, in place (e.g. bfloat16).</summary>
    public Module to(ScalarType dtype)
    {
        var devices = NamedParameters().Concat(NamedBuffers()).Select(kv => kv.Value.device).Distinct().ToList();
        if (devices.Count > 1) throw new InvalidOperationException($"{GetType().Name} has tensors on {string.Join(" and ", devices)}: move it to one device first");
        return to(devices.Count == 1 ? devices[0] : Device.CPU, dtype);
    }

    /// <summary>
    /// Sets training mode (<paramref name="on"/>) on this module and every descendant; returns this (torch.nn.Module.train).
    /// </summary>
    public Module Train(bool on = true)
    {
        training = on;
        foreach (var (_, child) in children) child.Train(on);
        return this;
    }

    /// <summary>Sets evaluation mode on this module and every descendant; returns this (torch.nn.Module.eval).</summary>
    public Module Eval() => Train(false);

    /// <summary>Sets requires_grad on every parameter (torch.nn.Module.requires_grad_): false freezes the module.</summary>
    public Module requires_grad_(bool requires_grad = true)
    {
        foreach (var p in Parameters()) p.requires_grad = requires_grad;
        return this;
    }

    /// <summary>
    /// Sets each parameter's requires_grad to <paramref name="trainable"/>(its state-dict name), e.g. to train
    /// only LoRA matrices and a task head. Returns how many parameters are trainable afterwards.
    /// </summary>
    public int SetRequiresGrad(Func<string, bool> trainable)
    {
        int count = 0;
        foreach (var (name, p) in NamedParameters())
        {
            bool on = trainable(name);
            p.requires_grad = on;
            if (on) count++;
        }
        return count;
    }

    /// <summary>Clears every parameter's gradient (set to none, as PyTorch 2's default).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.grad = null;
    }

    /// <summary>Frees this module's parameters and buffers and disposes its children.</summary>
    public void Dispose()
    {
        if (disposed) return;
        disposed = true;
        foreach (var (_, p) in parameters) p.Dispose();
        foreach (var (_, b) in buffers) b.Dispose();
        foreach (var (_, c) in children) c.Dispose();
        GC.SuppressFinalize(this);
    }
}
