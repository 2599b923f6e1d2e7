using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.NN;

namespace VqDna.Quantization;

/// <summary>
/// Nearest-code vector quantization (VQ-VAE) with an EMA codebook: the codebook is a buffer updated by
/// exponential moving averages of the vectors assigned to each code (van den Oord et al. 2017, appendix;
/// Razavi et al. 2019), the encoder learns through the straight-through estimator, and a commitment term
/// keeps encoder outputs near their codes. Extras against codebook collapse: k-means++ initialisation on
/// the first batch, and restart of dead codes at random encoder outputs (Dhariwal et al. 2020, Jukebox).
/// Under data parallelism (<see cref="Group"/>) the codebook is no gradient DDP could average: the EMA
/// statistics (code counts, summed vectors) are all-reduced every training step, and k-means++ and dead-code
/// restarts are decided by rank 0 and broadcast, so every rank holds the same codebook, bit for bit.
/// Every tensor it makes during a forward is made on its input's device (issue 18), so it runs where the model was moved.
/// </summary>
public sealed class VectorQuantizer : Module
{
    private const int KMeansSample = 4096;
    private const int LloydIterations = 5;

    /// <summary>
    /// Builds the quantizer described by <paramref name="config"/> (validated first), its codebook random normal vectors until k-means
    /// initialises it from the first training batch (when the config asks).
    /// </summary>
    public VectorQuantizer(VectorQuantizerConfig config)
    {
        Config = config.Validate();
        int k = config.CodebookSize, d = config.SpaceDim;
        var initial = torch.randn([k, d]);
        if (config.Cosine) initial = Normalize(initial);
        embed = RegisterBuffer("embed", initial);
        ema_count = RegisterBuffer("ema_count", torch.ones([k], null));
        ema_sum = RegisterBuffer("ema_sum", embed.clone());
        initialized = RegisterBuffer("initialized", torch.zeros([1], null));
        if (config.LookupDim > 0)
        {
            project_in = RegisterModule("project_in", new Linear(config.CodeDim, config.LookupDim));
            project_out = RegisterModule("project_out", new Linear(config.LookupDim, config.CodeDim));
        }
    }

    /// <summary>With <see cref="VectorQuantizerConfig.LookupDim"/>: the projection into the lookup space and back; null otherwise.</summary>
    public Linear? project_in { get; }
    /// <summary>With a lookup dimension: the projection from the lookup space back to code space; null otherwise.</summary>
    public Linear? project_out { get; }

    /// <summary>The settings it was built from.</summary>
    public VectorQuantizerConfig Config { get; }

    /// <summary>The codebook, (K, D).</summary>
    public Tensor embed { get; }

    /// <summary>EMA of how many vectors each code received per batch, (K).</summary>
    public Tensor ema_count { get; }

    /// <summary>EMA of the sum of the vectors each code received, (K, D).</summary>
    public Tensor ema_sum { get; }

    /// <summary>The data-parallel group whose ranks share this codebook (null: one process).</summary>
    public ProcessGroup? Group { get; set; }

    private bool Decides => Group is null || Group.IsMain;

    /// <summary>1 once the codebook has been initialised from data.</summary>
    public Tensor initialized { get; }

    /// <summary>Quantizes z (N, D). In training mode this also updates the codebook.</summary>
    public QuantizerOutput Forward(Tensor z)
    {
        if (z.dim() != 2 || z.size(1) != Config.CodeDim)
            throw new ArgumentException($"quantizer input must be (N, {Config.CodeDim}), got [{string.Join(", ", z.shape)}]");
        if (project_in is null || project_out is null) return Quantize(z);
        using var low = project_in.Forward(z);                                // (N, d): look up in the small space
        var result = Quantize(low);
        using (result.Quantized)
        using (result.Codes)
        {
            var quantized = project_out.Forward(result.Quantized);            // back to (N, D)
            using var codesBack = project_out.Forward(result.Codes);
            return result with { Quantized = quantized, Codes = codesBack.detach() };
        }
    }

    private QuantizerOutput Quantize(Tensor input)
    {
        // Distances, argmin, EMA and straight-through in float32 under any autocast (issue 18), as vector-quantize-pytorch
        // does: a bfloat16 distance picks wrong codes, and index_add_ into the float32 statistics wants one dtype.
        using var fullPrecision = torch.autocast(input.device, enabled: false);
        using var z = input.dtype == ScalarType.Float32 ? input.alias() : input.to(ScalarType.Float32);
        using var zn = Config.Cosine ? Normalize(z) : z.alias();
        Tensor indices;
        using (torch.no_grad())
        {
            using var detached = zn.detach();
            if (training && Config.KMeansInit && initialized.item<float>() == 0)
            {
                if (Decides) InitializeByKMeans(detached);
                Group?.broadcast([embed, ema_sum, ema_count, initialized]);     // rank 0's centers for all
            }
            indices = NearestCodes(detached, embed);                         // M = argmin_k ‖z − e_k‖²
        }
        var codes = F.embedding(indices, embed);                              // e_M (no gradient: a buffer)
        var commitment = F.mse_loss(zn, codes);                               // ‖z − sg(e)‖²
        using var delta = codes - zn;
        using var deltaStopped = delta.detach();
        var quantized = zn + deltaStopped;                                    // straight-through: forward e, backward identity
        CodeUsage usage;
        using (torch.no_grad())
        {
            using var counts = torch.bincount(indices, minlength: Config.CodebookSize).to(ScalarType.Float32);
            if (training)
            {
                using var detached = zn.detach();
                using var sums = torch.zeros([Config.CodebookSize, Config.SpaceDim], device: detached.device).index_add_(0, indices, detached);
                Group?.all_reduce(counts, sums);                                 // n_k and Σz over the global batch
                usage = Usage(counts);
                UpdateCodebook(detached, counts, sums);
            }
            else usage = Usage(counts);
        }
        return new QuantizerOutput(quantized, codes, indices, commitment, usage);
    }

    /// <summary>The code vectors, in the quantizer's input space (projected back when codes live in a smaller one).</summary>
    public Tensor Lookup(Tensor indices)
    {
        if (project_out is null) return F.embedding(indices, embed);
        using var low = F.embedding(indices, embed);
        return project_out.Forward(low);
    }

    /// <summary>
    /// argmin_k ‖x_i − c_k‖² for each row, (N) int64, the same whatever else is in the batch. The fast
    /// distances come from one float32 matrix product whose summation order depends on the batch's shape
    /// (BLAS blocking), so a near-tie could go either way between two runs (issue 7, defect 9: `--window 64`
    /// changed 1 of 58,956 codes). Rows whose runner-up lies within the float32 error bound of the best are
    /// decided again in float64, summing each distance in a fixed order, lowest index on an exact tie.
    /// </summary>
    public static Tensor NearestCodes(Tensor x, Tensor centers)
    {
        using var scope = torch.NewDisposeScope();
        var distances = SquaredDistances(x, centers);                        // (N, K), float32
        if (centers.size(0) < 2) return distances.argmin(1).MoveToOuterDisposeScope();
        var (top, topIndices) = distances.topk(2, 1, largest: false);        // best and runner-up, (N, 2)
        var indices = topIndices.select(1, 0).contiguous();
        long d = x.size(1);
        // |error| of each float32 distance ≤ ~3·D·u·(‖x‖² + ‖c‖²), u = 2^-24; two are compared: 8·D·u leaves room.
        var xSquared = (x * x).sum(1);                                       // (N)
        double cMax = (centers * centers).sum(1).max().item<double>();
        var slack = (xSquared + cMax) * (8.0 * d / (1 << 24)) + 1e-30;
        var best = top.select(1, 0);
        var ambiguous = (top.select(1, 1) - best <= slack).nonzero().squeeze(1);  // rows whose runner-up is within the bound
        long rows = ambiguous.size(0);
        if (rows == 0) return indices.MoveToOuterDisposeScope();
        var rowDistances = distances.index_select(0, ambiguous);             // (R, K)
        var bound = (best.index_select(0, ambiguous) + slack.index_select(0, ambiguous)).unsqueeze(1);
        var candidates = (rowDistances <= bound).contiguous().ToArray<bool>();  // (R, K): every code that may be nearest
        var values = x.index_select(0, ambiguous).contiguous().ToArray<float>();
        var codes = centers.contiguous().ToArray<float>();
        int k = (int)centers.size(0);
        var decided = new long[rows];
        for (int r = 0; r < rows; r++)
        {
            double bestDistance = double.PositiveInfinity;
            for (int j = 0; j < k; j++)
            {
                if (!candidates[(long)r * k + j]) continue;
                double sum = 0;
                for (int i = 0; i < d; i++)
                {
                    double delta = (double)values[r * d + i] - codes[j * d + i];
                    sum += delta * delta;
                }
                if (sum < bestDistance) { bestDistance = sum; decided[r] = j; }   // lowest index on an exact tie
            }
        }
        indices.scatter_(0, ambiguous, torch.tensor(decided, [rows], device: indices.device));
        return indices.MoveToOuterDisposeScope();
    }

    /// <summary>‖x_i − c_j‖² for all pairs with one matrix product: ‖x‖² − 2 x cᵀ + ‖c‖², (N, K).</summary>
    public static Tensor SquaredDistances(Tensor x, Tensor centers)
    {
        using var xSquared = (x * x).sum(1, keepdim: true);                   // (N, 1)
        using var cSquared = (centers * centers).sum(1).unsqueeze(0);         // (1, K)
        using var centersT = centers.t();
        using var crossTerm = torch.addmm(cSquared, x, centersT, beta: 1, alpha: -2); // ‖c‖² − 2 x cᵀ
        return crossTerm + xSquared;
    }

    private static Tensor Normalize(Tensor x)
    {
        using var norms = x.norm(2, [-1], keepdim: true).clamp(min: 1e-12);
        return x / norms;
    }

    private CodeUsage Usage(Tensor counts)
    {
        using var total = counts.sum();
        using var p = counts / total;
        using var logP = (p + 1e-10).log();
        double entropy = -(p * logP).sum().item<double>();
        double used = (counts > 0).to(ScalarType.Float32).mean().item<double>();
        int dead = Config.DeadCodeThreshold > 0 ? (int)(ema_count < Config.DeadCodeThreshold).sum().item<long>() : 0;
        return new CodeUsage(Math.Exp(entropy), used, dead);
    }

    /// <summary>EMA update: N_k ← γN_k + (1−γ)n_k, S_k ← γS_k + (1−γ)Σz, e_k = S_k / Laplace(N_k); then dead-code restart.</summary>
    private void UpdateCodebook(Tensor z, Tensor counts, Tensor sums)
    {
        double decay = Config.Decay;
        int k = Config.CodebookSize;
        ema_count.mul_(decay).add_(counts, 1 - decay);
        ema_sum.mul_(decay).add_(sums, 1 - decay);
        double n = ema_count.sum().item<double>();
        using var smoothed = (ema_count + Config.Epsilon) / (n + k * Config.Epsilon) * n;  // Laplace smoothing
        using var means = ema_sum / smoothed.unsqueeze(1);
        if (Config.Cosine)
        {
            using var normalized = Normalize(means);
            embed.copy_(normalized);
        }
        else embed.copy_(means);
        if (Config.DeadCodeThreshold > 0) RestartDeadCodes(z, StartingCount(n / k));
    }

    /// <summary>
    /// The EMA count a freshly initialised or restarted code starts with: twice the restart threshold. Starting
    /// at the batch mean instead (tens of vectors) leaves a code that gets none ~350 steps at γ = 0.99 before it
    /// can be restarted, long enough for a one-level VQ to collapse onto a handful of codes in short runs
    /// (analyze efficiency, K = 128: 8% of codes used). Codes that are used reach their real count in a few steps.
    /// </summary>
    private double StartingCount(double meanCount) => Config.DeadCodeThreshold > 0 ? 2 * Config.DeadCodeThreshold : meanCount;

    /// <summary>Moves codes that stopped receiving vectors onto random vectors of this batch, with a starting count.</summary>
    private void RestartDeadCodes(Tensor z, double startCount)
    {
        using var deadMask = ema_count < Config.DeadCodeThreshold;
        using var dead = deadMask.nonzero().squeeze(1);
        long m = dead.size(0);
        if (m == 0) return;                                                  // the same on every rank: EMA counts agree
        if (Decides) RestartAt(z, dead, startCount);
        Group?.broadcast([embed, ema_sum, ema_count]);                     // rank 0's restarts for all
    }

    private void RestartAt(Tensor z, Tensor dead, double startCount)
    {
        long m = dead.size(0);
        using var picks = torch.randint(0, z.size(0), [m], device: z.device);
        using var rows = z.index_select(0, picks);                          // (M, D)
        using var rowIndex = dead.unsqueeze(1).expand(m, Config.SpaceDim);
        embed.scatter_(0, rowIndex, rows);
        using var scaledRows = rows * startCount;
        ema_sum.scatter_(0, rowIndex, scaledRows);
        ema_count.scatter_(0, dead, startCount);
    }

    /// <summary>k-means++ seeding (Arthur and Vassilvitskii 2007) then Lloyd iterations on a sample of the first batch.</summary>
    private void InitializeByKMeans(Tensor z)
    {
        using var scope = torch.NewDisposeScope();
        int k = Config.CodebookSize;
        long n = z.size(0);
        var sample = n > KMeansSample ? z.index_select(0, torch.randperm(n, device: z.device).narrow(0, 0, KMeansSample)) : z;
        long m = sample.size(0);
        var centers = KMeansPlusPlus(sample, k);
        for (int iteration = 0; iteration < LloydIterations; iteration++)
        {
            var assignment = SquaredDistances(sample, centers).argmin(1);
            var counts = torch.bincount(assignment, minlength: k).to(ScalarType.Float32).unsqueeze(1);
            var sums = torch.zeros([k, Config.SpaceDim], device: sample.device).index_add_(0, assignment, sample);
            var empty = counts.eq(0).to(ScalarType.Float32);
            centers = (sums / counts.clamp(min: 1)) * (1 - empty) + centers * empty; // empty clusters keep their center
            if (Config.Cosine) centers = Normalize(centers);
        }
        double count = StartingCount((double)m / k);
        embed.copy_(centers);
        ema_sum.copy_(centers * count);
        ema_count.fill_(count);
        initialized.fill_(1.0);
    }

    /// <summary>Each next center is drawn with probability proportional to its squared distance from the nearest chosen one.</summary>
    private static Tensor KMeansPlusPlus(Tensor x, int k)
    {
        long n = x.size(0);
        var chosen = new List<Tensor> { x.index_select(0, torch.randint(0, n, [1], device: x.device)) };
        var nearest = SquaredDistances(x, chosen[0]).squeeze(1).clamp(min: 0);
        for (int i = 1; i < k; i++)
        {
            var total = nearest.sum().item<double>();
            // Fewer distinct points than codes: duplicates are fine, restart and EMA separate them later.
            var pick = total > 0 ? torch.multinomial(nearest, 1) : torch.randint(0, n, [1], device: x.device);
            var center = x.index_select(0, pick);
            chosen.Add(center);
            nearest = nearest.minimum(SquaredDistances(x, center).squeeze(1).clamp(min: 0));
        }
        return torch.cat(chosen, 0);
    }
}
