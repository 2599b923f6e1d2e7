using System.Security.Cryptography;
using VqDna.Torch;
using VqDna.Torch.Distributed;
using VqDna.Torch.NN;

namespace VqDna.Training.Engine;

/// <summary>
/// Data-parallel replicas must stay bit-identical (weights, and buffers such as the EMA codebooks): rank 0
/// checkpoints for all. At each checkpoint every rank hashes its state dict and the digests are compared; a
/// difference stops the run rather than saving one replica of several that went apart.
/// </summary>
public static class ReplicaCheck
{
    /// <summary>A 64-bit digest of every tensor's bytes in the state dict, in key order.</summary>
    public static long Digest(Module model)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (key, tensor) in model.StateDict())
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(key));
            using var contiguous = tensor.contiguous();
            hash.AppendData(contiguous.ToBytes());
        }
        return BitConverter.ToInt64(hash.GetHashAndReset(), 0);
    }

    /// <summary>Throws when any rank's model differs from rank 0's after step <paramref name="step"/>.</summary>
    public static void Verify(ProcessGroup group, Module model, int step)
    {
        using var digest = torch.tensor(new[] { Digest(model) }, [1]);
        using var all = group.all_gather(digest);
        var digests = all.ToArray<long>();
        var differing = Enumerable.Range(0, digests.Length).Where(r => digests[r] != digests[0]).ToList();
        if (differing.Count > 0)
            throw new InvalidOperationException($"after step {step} the model of rank(s) {string.Join(", ", differing)} differs from rank 0's: " +
                "data-parallel replicas went apart (a module updated state outside the synchronised gradients?)");
    }
}
