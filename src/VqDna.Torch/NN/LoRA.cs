namespace VqDna.Torch.NN;

/// <summary>
/// Puts LoRA adapters into any module tree, as peft's get_peft_model / merge_and_unload do for LoRA: every
/// Linear whose path matches a target is replaced by a <see cref="LoRALinear"/> around it.
/// </summary>
public static class LoRA
{
    /// <summary>
    /// Wraps every Linear whose module path equals a target or ends with "." + target. A target that matches
    /// no Linear is an error listing the Linear layers that exist (a fused Wqkv with no "query" is DNABERT-2's
    /// classic trap; peft only fails when nothing at all matches). Returns the wrapped paths, in order.
    /// The parent must call the child it reads back through GetModule (as the encoder's modules do): a module
    /// that kept its own reference to the Linear would keep calling the unwrapped layer.
    /// </summary>
    public static IReadOnlyList<string> Inject(Module root, IReadOnlyList<string> targetModules, int r, double alpha, double dropout)
    {
        var config = new LoRAConfig(r, alpha, dropout, targetModules.ToArray()).Validate();
        var matches = new List<(Module parent, string name, string path, Linear linear)>();
        foreach (var (parentPath, parent) in root.NamedModules())
            foreach (var (name, child) in parent.NamedChildren())
            {
                string path = parentPath.Length == 0 ? name : parentPath + "." + name;
                if (child is Linear linear && parent is not LoRALinear && Matches(path, config.Targets))
                    matches.Add((parent, name, path, linear));
            }
        var missing = config.Targets.Where(t => !matches.Any(m => Matches(m.path, [t]))).ToList();
        if (missing.Count > 0)
        {
            var linears = root.NamedModules().Where(kv => kv.Value is Linear).Select(kv => kv.Key).ToList();
            throw new ArgumentException(
                $"LoRA target module(s) [{string.Join(", ", missing)}] match no Linear layer of {root.GetType().Name}; " +
                $"its Linear layers are [{string.Join(", ", linears.Take(12))}{(linears.Count > 12 ? ", …" : "")}]", nameof(targetModules));
        }
        foreach (var (parent, name, _, linear) in matches)
        {
            var wrapper = new LoRALinear(linear, config.R, config.Alpha, config.Dropout);
            wrapper.Train(parent.training);                           // the adapter's dropout follows the model's mode
            parent.ReplaceModule(name, wrapper);
        }
        return matches.Select(m => m.path).ToList();
    }

    /// <summary><see cref="Inject(Module, IReadOnlyList{string}, int, double, double)"/> with a config record.</summary>
    public static IReadOnlyList<string> Inject(Module root, LoRAConfig config) =>
        Inject(root, config.Targets, config.R, config.Alpha, config.Dropout);

    /// <summary>peft's key rule: the path equals the target or ends with "." + target.</summary>
    public static bool Matches(string path, IEnumerable<string> targets) =>
        targets.Any(t => path == t || path.EndsWith("." + t, StringComparison.Ordinal));

    /// <summary>The LoRA wrappers under <paramref name="root"/> with their paths.</summary>
    public static IEnumerable<KeyValuePair<string, LoRALinear>> Adapters(Module root) =>
        root.NamedModules().Where(kv => kv.Value is LoRALinear).Select(kv => new KeyValuePair<string, LoRALinear>(kv.Key, (LoRALinear)kv.Value));

    /// <summary>True for a LoRA matrix's parameter name ("….lora_A.weight", "….lora_B.weight").</summary>
    public static bool IsLoRAParameter(string name) => name.Split('.').Any(part => part is "lora_A" or "lora_B");

    /// <summary>
    /// Freezes everything except the LoRA matrices and the modules named in <paramref name="modulesToSave"/>
    /// (matched as targets are, e.g. "classifier"), which stay trainable. Returns the trainable parameter count.
    /// </summary>
    public static int MarkTrainable(Module root, IReadOnlyList<string>? modulesToSave = null)
    {
        var saved = ModulePaths(root, modulesToSave ?? []);
        return root.SetRequiresGrad(name => IsLoRAParameter(name) || saved.Any(p => name.StartsWith(p + ".", StringComparison.Ordinal)));
    }

    /// <summary>The paths of the modules that match <paramref name="names"/> (peft's modules_to_save rule).</summary>
    public static IReadOnlyList<string> ModulePaths(Module root, IReadOnlyList<string> names) =>
        root.NamedModules().Select(kv => kv.Key).Where(path => path.Length > 0 && Matches(path, names)).ToList();

    /// <summary>
    /// peft's merge_and_unload: folds every adapter into its base weight and puts the base Linear back in its
    /// place (trainable again), so the model is a plain model with the original state-dict keys.
    /// </summary>
    public static void MergeAndUnload(Module root)
    {
        var found = new List<(Module parent, string name, LoRALinear lora)>();
        foreach (var (_, parent) in root.NamedModules())
            foreach (var (name, child) in parent.NamedChildren())
                if (child is LoRALinear lora) found.Add((parent, name, lora));
        foreach (var (parent, name, lora) in found)
        {
            lora.Merge();
            parent.ReplaceModule(name, lora.base_layer);
            lora.base_layer.requires_grad_(true);
            lora.lora_A.Dispose();                                   // the wrapper itself is dropped; its base lives on
            lora.lora_B.Dispose();
        }
    }
}
