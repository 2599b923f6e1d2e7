using System.Runtime.CompilerServices;

namespace VqDna.Tokenizers.Bpe;

/// <summary>
/// Open-addressing hash map from a token pair (left id, right id) to its merge rank, sized to
/// stay in L2 cache for a 4k-30k vocabulary. A pair listed twice keeps its later rank, as in
/// Hugging Face's BPE model. Key and rank share a slot, so a lookup reads one cache line.
/// </summary>
internal sealed class BpeMergeTable
{
    private readonly Slot[] _slots;
    private readonly int _mask;

    /// <summary>Key (left &lt;&lt; 32 | right) + 1, 0 marking an empty slot; and the pair's rank.</summary>
    private struct Slot
    {
        public ulong Key;
        public int Rank;
    }

    public BpeMergeTable(IReadOnlyList<(int Left, int Right)> merges)
    {
        int capacity = 16;
        while (capacity < merges.Count * 3) capacity <<= 1;
        _slots = new Slot[capacity];
        _mask = capacity - 1;
        for (int rank = 0; rank < merges.Count; rank++)
        {
            ulong key = Key(merges[rank].Left, merges[rank].Right);
            int i = Home(key);
            while (_slots[i].Key != 0 && _slots[i].Key != key) i = (i + 1) & _mask;
            _slots[i] = new Slot { Key = key, Rank = rank };
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(int left, int right) => (((ulong)(uint)left << 32) | (uint)right) + 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Home(ulong key) => (int)((key * 0x9E3779B97F4A7C15UL) >> 40) & _mask;

    /// <summary>The rank of merging (<paramref name="left"/>, <paramref name="right"/>), or -1 when no merge exists.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Rank(int left, int right)
    {
        ulong key = Key(left, right);
        int i = Home(key);
        while (true)
        {
            ref readonly Slot slot = ref _slots[i];
            if (slot.Key == key) return slot.Rank;
            if (slot.Key == 0) return -1;
            i = (i + 1) & _mask;
        }
    }
}
