using VqDna.Torch.Onnx.Proto;

namespace VqDna.Torch.Onnx;

/// <summary>
/// Builds an ONNX graph node by node, the way a forward method reads: declare the inputs, add weights as
/// initializers (copied from our tensors), add nodes in order (each returns the name of its output, to pass
/// to the next), name the outputs. Every value a node reads must exist already, so a graph built here is in
/// topological order and has no dangling names; a mistake is an error naming the node, not a file that
/// ONNX Runtime refuses later. <see cref="Scope"/> prefixes node and value names with a module path
/// ("encoder.0/Conv"), so a graph reads like the model it came from. <see cref="OnnxModelWriter"/> writes it.
/// </summary>
public sealed class OnnxGraph
{
    private readonly GraphProto graph = new();
    private readonly HashSet<string> values = new(StringComparer.Ordinal);
    private readonly Stack<string> scopes = new();
    private int counter;

    /// <summary>Starts an empty graph named <paramref name="name"/>.</summary>
    public OnnxGraph(string name)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("a graph needs a name", nameof(name));
        graph.Name = name;
    }

    /// <summary>The graph's name.</summary>
    public string Name => graph.Name;

    /// <summary>The graph inputs declared so far, in order.</summary>
    public IReadOnlyList<string> InputNames => graph.Input.Select(v => v.Name).ToList();

    /// <summary>The graph outputs declared so far, in order.</summary>
    public IReadOnlyList<string> OutputNames => graph.Output.Select(v => v.Name).ToList();

    /// <summary>Nodes added so far.</summary>
    public int NodeCount => graph.Node.Count;

    /// <summary>Declares a graph input and returns its name. Use <see cref="OnnxDim"/> names for dynamic sizes.</summary>
    public string Input(string name, ScalarType type, IReadOnlyList<OnnxDim> shape, string? doc = null)
    {
        Claim(name, "input");
        graph.Input.Add(ValueInfo(name, type, shape, doc));
        return name;
    }

    /// <summary>
    /// Makes <paramref name="value"/> a graph output called <paramref name="name"/> (through an Identity node
    /// when the names differ), with its element type and shape.
    /// </summary>
    public void Output(string value, string name, ScalarType type, IReadOnlyList<OnnxDim> shape, string? doc = null)
    {
        Require(value, $"output '{name}'");
        if (value != name)
        {
            Claim(name, "output");
            graph.Node.Add(NodeProto("Identity", [value], [name], name + "/Identity", []));
        }
        graph.Output.Add(ValueInfo(name, type, shape, doc));
    }

    /// <summary>Adds a copy of <paramref name="tensor"/> as the initializer <paramref name="name"/> (e.g. a state-dict key).</summary>
    public string Initializer(string name, Tensor tensor)
    {
        Claim(name, "initializer");
        graph.Initializer.Add(OnnxTensors.ToProto(name, tensor));
        return name;
    }

    /// <summary>A Cast node: <paramref name="value"/> as <paramref name="type"/> (booleans become 0 and 1).</summary>
    public string Cast(string value, ScalarType type) => Node("Cast", [value], OnnxAttribute.Int("to", OnnxTensors.ElementType(type)));

    /// <summary>An int64 constant (1-D unless <paramref name="dims"/> says otherwise), e.g. a shape or axes.</summary>
    public string Ints(long[] values, long[]? dims = null) => Constant(OnnxTensors.ToProto(Fresh("const"), values, dims));

    /// <summary>A float32 constant (1-D unless <paramref name="dims"/> says otherwise).</summary>
    public string Floats(float[] values, long[]? dims = null) => Constant(OnnxTensors.ToProto(Fresh("const"), values, dims));

    /// <summary>A float32 scalar constant (shape []), broadcast by element-wise operators.</summary>
    public string Scalar(float value) => Floats([value], []);

    /// <summary>An int64 scalar constant (shape []).</summary>
    public string Scalar(long value) => Ints([value], []);

    /// <summary>Adds a node with one output and returns the output's name. "" stands for an omitted optional input.</summary>
    public string Node(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes) =>
        Node(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs (e.g. TopK's values and indices) and returns their names.</summary>
    public string[] Node(string opType, IReadOnlyList<string> inputs, int outputs, params OnnxAttribute[] attributes)
    {
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "a node needs at least one output");
        string nodeName = Fresh(opType);
        foreach (var input in inputs)
            if (input.Length > 0) Require(input, $"node {nodeName}");
        var duplicate = attributes.GroupBy(a => a.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new ArgumentException($"node {nodeName}: attribute '{duplicate.Key}' given twice");
        if (outputs > 1) Claim(nodeName, "node");                                    // outputs are "NAME:i": keep NAME itself unique too
        var names = new string[outputs];
        for (int i = 0; i < outputs; i++)
        {
            names[i] = outputs == 1 ? nodeName : $"{nodeName}:{i}";
            Claim(names[i], "node output");
        }
        graph.Node.Add(NodeProto(opType, inputs, names, nodeName, attributes));
        return names;
    }

    /// <summary>
    /// Prefixes the names of the nodes and constants added until the returned scope is disposed with
    /// <paramref name="name"/>, a module's full path as in a state dict ("encoder.0.dwconv"); an inner scope
    /// replaces the outer one until it ends.
    /// </summary>
    public IDisposable Scope(string name)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException("a scope needs a name", nameof(name));
        scopes.Push(name);
        return new ScopeExit(scopes);
    }

    /// <summary>True when <paramref name="name"/> is already an input, initializer or node output.</summary>
    public bool Contains(string name) => values.Contains(name);

    /// <summary>A copy of the graph as its protobuf message.</summary>
    public GraphProto ToProto() => graph.Clone();

    private string Constant(TensorProto tensor)
    {
        Claim(tensor.Name, "constant");
        graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A name not used yet: the scope, then the hint, then a number when needed.</summary>
    private string Fresh(string hint)
    {
        string stem = scopes.Count == 0 ? hint : scopes.Peek() + "/" + hint;
        if (!values.Contains(stem)) return stem;
        string name;
        do name = $"{stem}_{++counter}"; while (values.Contains(name));
        return name;
    }

    private void Claim(string name, string what)
    {
        if (string.IsNullOrEmpty(name)) throw new ArgumentException($"an ONNX {what} needs a name");
        if (!values.Add(name)) throw new ArgumentException($"graph '{graph.Name}': the name '{name}' ({what}) is already used");
    }

    private void Require(string name, string user)
    {
        if (!values.Contains(name)) throw new ArgumentException($"graph '{graph.Name}': {user} reads '{name}', which no input, initializer or earlier node defines");
    }

    private static NodeProto NodeProto(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string name, IEnumerable<OnnxAttribute> attributes)
    {
        var node = new NodeProto { OpType = opType, Name = name, Domain = OnnxOpset.DefaultDomain };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        node.Attribute.AddRange(attributes.Select(a => a.Proto.Clone()));
        return node;
    }

    private static ValueInfoProto ValueInfo(string name, ScalarType type, IReadOnlyList<OnnxDim> shape, string? doc)
    {
        var tensorShape = new TensorShapeProto();
        foreach (var dim in shape)
            tensorShape.Dim.Add(dim.Name is null ? new TensorShapeProto.Types.Dimension { DimValue = dim.Size!.Value } : new TensorShapeProto.Types.Dimension { DimParam = dim.Name });
        var info = new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = OnnxTensors.ElementType(type), Shape = tensorShape } },
        };
        if (doc is not null) info.DocString = doc;
        return info;
    }

    private sealed class ScopeExit(Stack<string> scopes) : IDisposable
    {
        private bool done;

        public void Dispose()
        {
            if (done) return;
            done = true;
            scopes.Pop();
        }
    }
}
