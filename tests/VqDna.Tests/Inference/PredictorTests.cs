using VqDna.Inference;
using VqDna.ModelFolders;
using VqDna.Evaluation;
using VqDna.Models.Baselines;
using VqDna.Models.Engines;
using VqDna.IO;
using VqDna.Sequences.Readers;
using VqDna.Tests.Training.Finetuning;
using VqDna.Training.Finetuning;

namespace VqDna.Tests.Inference;

/// <summary>
/// Genome-scale prediction (issue 20: `predict` gave one label per whole record): windows along a record follow one
/// rule, each window's probabilities are those of the window predicted on its own, on both engines, and the BED
/// regions tile each record.
/// </summary>
public sealed class PredictorTests : IDisposable
{
    private readonly RepoData.TempFolder temp = RepoData.NewTempFolder();

    public void Dispose() => temp.Dispose();

    [Theory]
    [InlineData(1000, 300, 100, new[] { 0, 100, 200, 300, 400, 500, 600, 700 })]         // the last window [700, 1000) reaches the end
    [InlineData(1000, 300, 300, new[] { 0, 300, 600, 900 })]                               // [900, 1000) is shorter
    [InlineData(250, 300, 100, new[] { 0 })]                                                // a short record is one window
    [InlineData(1000, 100, 250, new[] { 0, 250, 500, 750 })]                               // stride past the window leaves gaps
    public void WindowsStartEveryStrideAndEndWithTheFirstThatReachesTheEnd(int length, int window, int stride, int[] starts)
    {
        var spans = new SequenceWindows(window, stride).Spans(length).ToList();
        Assert.Equal(starts, spans.Select(s => s.Start));
        Assert.All(spans, s => Assert.Equal(Math.Min(s.Start + window, length), s.End));
        if (stride <= window) Assert.Equal(length, spans[^1].End);
    }

    [Theory]
    [InlineData(300, 100)]
    [InlineData(300, 300)]
    [InlineData(100, 250)]                                                                  // gaps: unread bases are skipped
    [InlineData(70_000, 30_000)]                                                            // windows wider than one read
    [InlineData(1, 1)]
    public void StreamedWindowsAreTheWindowsOfTheWholeRecord(int window, int stride)
    {
        // Issue 20: `predict --window` held each record whole (a 20 Mbp record took ~175 MB); the streamed windows must
        // be exactly those cut from the whole record, at every record length around the window and stride.
        var genome = SequenceFile.Read(RepoData.Data("genomes/hpylori_G27_200kb.fa.gz")).First().Sequence;
        int[] lengths = [0, 1, window - 1, window, window + 1, stride, stride + window, 2 * stride + 1, 150_001];
        var records = lengths.Where(n => n >= 0).Select((n, i) => new PredictionInput($"r{i},x", genome[..n])).ToList();
        var fasta = string.Concat(records.Select(r => $">{r.Id} description\n{string.Join('\n', r.Sequence.Chunk(61).Select(c => new string(c)))}\n"));
        var windows = new SequenceWindows(window, stride);
        using var reader = new SequenceStreamReader(new StringReader(fasta), "test.fa");
        var streamed = StreamedWindows.Read(reader, windows).ToList();
        var whole = records.SelectMany(r => PredictionSpan.Cut(r with { Id = r.Id.Replace(',', '_') }, windows)).ToList();
        Assert.Equal(whole.Select(w => (w.Id, w.Start, w.End)), streamed.Select(w => (w.Id, w.Start, w.End)));
        Assert.True(whole.Select(w => w.Sequence).SequenceEqual(streamed.Select(w => w.Sequence)), "a streamed window's bases differ");
    }

    [Fact]
    public void AWholeRecordWhoseTokensWouldNotFitIsRefusedAndItsWindowsStillRun()
    {
        var folder = TinyFinetuned.Build(temp.Path, "kmer6", FinetuneMode.Lora);
        var genome = SequenceFile.Read(RepoData.Data("genomes/hpylori_G27_200kb.fa.gz")).First().Sequence[..150_000];
        using var model = FinetunedModel.Load(folder, InferenceEngine.Torch);
        // kmer6 ids take 4 bytes per nucleotide: 600 kB of tokens, more than half of a 1 MB allowance.
        var predictor = new Predictor(model.Classifier, batch: 4) { AvailableBytes = 1_000_000 };
        var error = Assert.Throws<InvalidDataException>(() => predictor.Predict([new PredictionSpan("chr,1", 0, genome.Length, genome)]).ToList());
        Assert.Contains("'chr,1' (150,000 bp)", error.Message);
        Assert.Contains("--window", error.Message);
        var windows = predictor.Predict(PredictionSpan.Cut(new PredictionInput("chr", genome), new SequenceWindows(20_000, 20_000))).ToList();
        Assert.Equal(8, windows.Count);
    }

    [Fact]
    public void TheCnnBaselineIsBoundedByTheSameRuleAndTheKmerBaselineReadsAnyLength()
    {
        // A CNN reads a record one-hot encoded whole (8 channels, pool 3: about 143 bytes a base), so 150 kbp is refused
        // under a 1 MB allowance, naming the model, and its windows run; k-mer counts do not grow with the record.
        var genome = SequenceFile.Read(RepoData.Data("genomes/hpylori_G27_200kb.fa.gz")).First().Sequence[..150_000];
        var whole = new PredictionSpan("chr", 0, genome.Length, genome);
        using var cnn = new CnnBaselineClassifier(new OneHotCnn(new OneHotCnnConfig(2, Channels: 8)));
        var predictor = new Predictor(cnn, batch: 2) { AvailableBytes = 1_000_000 };
        var error = Assert.Throws<InvalidDataException>(() => predictor.Predict([whole]).ToList());
        Assert.Contains("'chr' (150,000 bp)", error.Message);
        Assert.Contains("the cnn baseline", error.Message);
        Assert.Contains("--window", error.Message);
        var windows = new SequenceWindows(1_000, 1_000);
        var predictions = predictor.Predict(PredictionSpan.Cut(new PredictionInput("chr", genome), windows)).ToList();
        Assert.Equal(150, predictions.Count);
        var alone = cnn.Probabilities([genome[..1_000], genome[^1_000..]], 1);
        Assert.Equal(alone[0], predictions[0].Probabilities, (a, b) => Math.Abs(a - b) < 1e-5);
        Assert.Equal(alone[1], predictions[^1].Probabilities, (a, b) => Math.Abs(a - b) < 1e-5);

        int dimension = KmerFrequencies.Dimension(2);
        var weight = Enumerable.Range(0, 2 * dimension).Select(i => (float)Math.Sin(i)).ToArray();
        var regression = new StandardizedLinearModel(new float[dimension], Enumerable.Repeat(1f, dimension).ToArray(), weight, [0f, 0f], 2);
        var kmer = new KmerLrBaselineClassifier(new KmerLogisticRegression(2, regression));
        var read = new Predictor(kmer, batch: 2) { AvailableBytes = 1_000_000 }.Predict([whole]).Single();
        Assert.Equal(1, read.Probabilities.Sum(), 4);
    }

    [Fact]
    public void BedRegionsTileEachRecordAndMergeWindowsOfOneLabel()
    {
        var windows = new SequenceWindows(200, 100);
        var labels = new[] { "a", "b" };
        Prediction P(string id, int start, int end, float pa) => new(id, start, end, [pa, 1 - pa], null);
        var text = new StringWriter();
        var bed = new BedWriter(text, labels, windows);
        foreach (var p in new[] { P("r1", 0, 200, 0.9f), P("r1", 100, 300, 0.7f), P("r1", 200, 400, 0.2f), P("r1", 300, 450, 0.4f), P("r2", 0, 120, 0.6f) }) bed.Add(p);
        bed.Finish();
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["r1\t0\t250\ta\t800\t.", "r1\t250\t450\tb\t700\t.", "r2\t0\t120\ta\t600\t."], lines);
    }

    [Fact]
    public void EachWindowIsPredictedAsIfAloneOnBothEngines()
    {
        var folder = TinyFinetuned.Build(temp.Path, "kmer6", FinetuneMode.Lora);
        var genome = SequenceFile.Read(RepoData.Data("genomes/hpylori_G27_200kb.fa.gz")).First().Sequence.Substring(120_000, 1_234);
        var windows = new SequenceWindows(300, 200);
        using var torchSide = FinetunedModel.Load(folder, InferenceEngine.Torch);
        using var onnxSide = FinetunedModel.Load(folder, InferenceEngine.Onnx);
        var alone = torchSide.Classifier.Probabilities(windows.Spans(genome.Length).Select(s => genome[s.Start..s.End]).ToList());
        foreach (var model in new[] { torchSide, onnxSide })
        {
            var predictions = new Predictor(model.Classifier, batch: 3).Predict(PredictionSpan.Cut(new PredictionInput("h", genome), windows)).ToList();
            Assert.Equal(windows.Spans(genome.Length).ToList(), predictions.Select(p => (p.Start, p.End)).ToList());
            Assert.All(predictions, p => Assert.Equal("h", p.Id));
            double max = predictions.Zip(alone).Max(x => x.First.Probabilities.Zip(x.Second).Max(q => Math.Abs(q.First - q.Second)));
            Assert.InRange(max, 0, 1e-5);
        }
    }
}
