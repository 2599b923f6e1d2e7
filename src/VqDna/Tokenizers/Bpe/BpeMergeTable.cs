using System.Runtime.CompilerServices;

namespace VqDna.Tokenizers.Bpe;

/// <summary>
/// Open-addressing hash map from a token pair (left id, right id) to its merge rank, sized to
/// stay in L2 cache for a 4k-30k vocabulary. A pair listed twice keeps its later rank, as in
/// Hugging Face's BPE model.
/// </summary>
internal sealed class BpeMergeTable
{
    private readonly ulong[] _keys;   // (left << 32 | right) + 1; 0 marks an empty slot
    private readonly int[] _ranks;
    private readonly int _mask;

    public BpeMergeTable(IReadOnlyList<(int Left, int Right)> merges)
    {
        int capacity = 16;
        while (capacity < merges.Count * 3) capacity <<= 1;
        _keys = new ulong[capacity];
        _ranks = new int[capacity];
        _mask = capacity - 1;
        for (int rank = 0; rank < merges.Count; rank++)
        {
            ulong key = Key(merges[rank].Left, merges[rank].Right);
            int slot = Slot(key);
            while (_keys[slot] != 0 && _keys[slot] != key) slot = (slot + 1) & _mask;
            _keys[slot] = key;
            _ranks[slot] = rank;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(int left, int right) => (((ulong)(uint)left << 32) | (uint)right) + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    /// <summary>The rank of merging (<paramref name="left"/>, <paramref name="right"/>), or -1 when no merge exists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Rank(int left, int right)
    {
        ulong key = Key(left, right);
        int slot = Slot(key);
        while (true)
        {
            ulong k = _keys[slot];
            if (k == key) return _ranks[slot];
            if (k == 0) return -1;
            slot = (slot + 1) & _mask;
        }
    }
}
