using System.Runtime.InteropServices;
using VqDna.Torch.NN;
using VqDna.Torch.Onnx;
using VqDna.Torch.Onnx.Proto;

namespace VqDna.Torch.Tests.Onnx;

/// <summary>The graph builder's checks, the file it writes (read back with our own onnx.proto), and LoRA folding.</summary>
public sealed class OnnxGraphTests
{
    [Fact]
    public void ANodeReadingAnUndefinedValueOrReusingANameIsAnErrorNamingIt()
    {
        var g = new OnnxGraph("toy");
        var x = g.Input("x", ScalarType.Float32, ["batch", 4]);
        var error = Assert.Throws<ArgumentException>(() => g.Node("Add", [x, "y"]));
        Assert.Contains("reads 'y', which no input, initializer or earlier node defines", error.Message);
        Assert.Contains("already used", Assert.Throws<ArgumentException>(() => g.Input("x", ScalarType.Int64, [1])).Message);
        Assert.Contains("attribute 'axis' given twice",
            Assert.Throws<ArgumentException>(() => g.Node("Softmax", [x], OnnxAttribute.Int("axis", 1), OnnxAttribute.Int("axis", 0))).Message);
        Assert.Equal("Relu", g.Node("Relu", [x]));                                            // unscoped: the op type
        using (g.Scope("encoder.0"))
            Assert.Equal("encoder.0/Relu", g.Node("Relu", [x]));
        Assert.Equal("Relu_1", g.Node("Relu", [x]));                                          // a repeated name gets a number
    }

    [Fact]
    public void TheWrittenModelCarriesOpsetIrVersionMetadataAndDynamicDims()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(3);
        var linear = new Linear(4, 3);
        var norm = new LayerNorm(3, eps: 1e-6);
        var g = new OnnxGraph("toy");
        var x = g.Input("x", ScalarType.Float32, ["batch", 4], "features");
        var y = g.Gelu(g.LayerNorm(g.Linear(x, linear, "proj"), norm, "norm"));
        g.Output(y, "y", ScalarType.Float32, ["batch", 3]);
        Assert.Equal(["x"], g.InputNames);
        Assert.Equal(["y"], g.OutputNames);

        var folder = Directory.CreateTempSubdirectory("vqdna-onnx-");
        try
        {
            var path = Path.Combine(folder.FullName, "toy.onnx");
            var info = new OnnxModelInfo("vqdna-tests", "0.0.0", [new("b", "2"), new("a", "1")], DocString: "a toy");
            long bytes = OnnxModelWriter.Save(g, info, path);
            Assert.Equal(new FileInfo(path).Length, bytes);
            Assert.Single(Directory.GetFiles(folder.FullName));                                // no temporary file left

            using var stream = File.OpenRead(path);
            var model = ModelProto.Parser.ParseFrom(stream);
            Assert.Equal(8, model.IrVersion);
            Assert.Equal(17, Assert.Single(model.OpsetImport).Version);
            Assert.Equal(["b", "a"], model.MetadataProps.Select(p => p.Key));                  // in the order given
            Assert.Equal("a toy", model.DocString);
            var input = Assert.Single(model.Graph.Input);
            Assert.Equal("batch", input.Type.TensorType.Shape.Dim[0].DimParam);
            Assert.Equal(4, input.Type.TensorType.Shape.Dim[1].DimValue);
            Assert.Equal((int)TensorProto.Types.DataType.Float, input.Type.TensorType.ElemType);
            Assert.Contains(model.Graph.Node, n => n.OpType == "LayerNormalization" && n.Attribute.Any(a => a.Name == "epsilon" && Math.Abs(a.F - 1e-6f) < 1e-12));
            Assert.Contains(model.Graph.Node, n => n.OpType == "Erf");
            var weight = model.Graph.Initializer.Single(t => t.Name == "proj.weight.T");
            Assert.Equal([4L, 3L], weight.Dims);
            Assert.Equal(linear.weight.t().contiguous().ToArray<float>(), MemoryMarshal.Cast<byte, float>(weight.RawData.Span).ToArray());
            Assert.Equal("y", model.Graph.Output.Single().Name);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void DuplicateMetadataKeysAreRefused()
    {
        var info = new OnnxModelInfo("vqdna-tests", "0.0.0", [new("k", "1"), new("k", "2")]);
        Assert.Contains("metadata key 'k' appears twice", Assert.Throws<ArgumentException>(() => info.Validate()).Message);
    }

    [Fact]
    public void ALoRAWrapperIsWrittenAsOneMatrixWithItsUpdateFoldedIn()
    {
        using var scope = torch.NewDisposeScope();
        torch.manual_seed(5);
        var lora = new LoRALinear(new Linear(6, 5), r: 2, lora_alpha: 8);
        using (torch.no_grad()) lora.lora_B.weight.normal_(0, 0.5);                          // a trained-looking update, not the zero start
        var g = new OnnxGraph("toy");
        var x = g.Input("x", ScalarType.Float32, ["batch", 6]);
        g.Output(g.Linear(x, lora, "query"), "y", ScalarType.Float32, ["batch", 5]);
        var written = g.ToProto().Initializer.Single(t => t.Name == "query.weight.T");

        lora.Merge();                                                                         // peft's merge: W + B·A·α/r
        var merged = lora.base_layer.weight.t().contiguous().ToArray<float>();
        Assert.Equal(merged, MemoryMarshal.Cast<byte, float>(written.RawData.Span).ToArray());
        Assert.Contains(g.ToProto().Initializer, t => t.Name == "query.bias");
    }
}
