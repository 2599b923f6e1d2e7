using System.Numerics;
using System.Runtime.CompilerServices;

namespace VqDna.Tokenizers.Bpe;

/// <summary>
/// Applies BPE merges to one word's symbol ids with Hugging Face's rule (Word::merge_all):
/// repeatedly merge the pair of lowest rank, the leftmost first among equal ranks, until none
/// applies. Symbols form a linked list over the word's positions; cand[p] is the rank of the pair
/// starting at p (-1 when none), so a queued entry whose rank no longer matches is stale.
/// </summary>
/// <remarks>
/// Two queues give the same order. A vocabulary where every merge using a token ranks after the
/// merge that made it (what BPE training produces) pops ranks in increasing order: a merge of rank
/// r only creates pairs of rank greater than r. Then a bucket per rank and a bitmap of non-empty
/// buckets replace the binary heap: pushes and pops are O(1), which on DNA (about 800 merges and
/// 1,700 queued pairs per kb, half of them stale) made encoding 2-3 times faster than the heap.
/// Within a rank, pairs at different places commute unless they overlap, which needs
/// left == right ("AAA"): only those buckets are sorted, to merge leftmost first. Any other
/// vocabulary (a merge listed before the merge making one of its tokens) uses the binary heap
/// ordered by (rank, position), HF's own queue.
/// </remarks>
internal sealed class BpeMerger
{
    private readonly BpeMergeTable _table;
    private readonly int[] _result;      // rank -> id of the merged token
    private readonly bool[] _selfPair;   // rank -> left == right, whose occurrences can overlap
    private readonly int _rankCount;

    /// <summary>Builds the merger; <paramref name="result"/>[r] is the id of merge r's token.</summary>
    /// <param name="merges">Token id pairs in rank order.</param>
    /// <param name="result">Id of each merge's concatenated token.</param>
    /// <param name="useRankOrder">False forces the binary heap (tests compare the two queues).</param>
    public BpeMerger(IReadOnlyList<(int Left, int Right)> merges, int[] result, bool useRankOrder = true)
    {
        _table = new BpeMergeTable(merges);
        _result = result;
        _rankCount = merges.Count;
        _selfPair = new bool[merges.Count];
        for (int r = 0; r < merges.Count; r++) _selfPair[r] = merges[r].Left == merges[r].Right;
        RanksIncrease = useRankOrder && RanksIncreaseAlongMerges(merges, result, _table);
    }

    /// <summary>Whether merges pop in increasing rank order, so the bucket queue applies.</summary>
    public bool RanksIncrease { get; }

    /// <summary>True when every merge ranks after every merge that made one of its two tokens.</summary>
    private static bool RanksIncreaseAlongMerges(IReadOnlyList<(int Left, int Right)> merges, int[] result, BpeMergeTable table)
    {
        int ids = 0;
        for (int r = 0; r < merges.Count; r++) ids = Math.Max(ids, Math.Max(result[r], Math.Max(merges[r].Left, merges[r].Right)) + 1);
        var madeAt = new int[ids];   // token -> highest rank of a merge that makes it, or -1
        Array.Fill(madeAt, -1);
        for (int r = 0; r < merges.Count; r++)
            if (table.Rank(merges[r].Left, merges[r].Right) == r) // a pair listed twice counts at its later rank only
                madeAt[result[r]] = Math.Max(madeAt[result[r]], r);
        for (int r = 0; r < merges.Count; r++)
            if (table.Rank(merges[r].Left, merges[r].Right) == r && (madeAt[merges[r].Left] >= r || madeAt[merges[r].Right] >= r))
                return false;
        return true;
    }

    /// <summary>Merges the word's symbols in place; the tokens end in symbols[0..count), count returned.</summary>
    public int Merge(Span<int> symbols)
    {
        int n = symbols.Length;
        if (n < 2) return n;
        var w = Work.Get(n, _rankCount);
        int[] next = w.Next, prev = w.Prev, cand = w.Candidate;
        for (int i = 0; i < n; i++)
        {
            next[i] = i + 1;
            prev[i] = i - 1;
        }
        cand[n - 1] = -1;
        if (RanksIncrease) MergeByRank(symbols, w);
        else MergeByHeap(symbols, w);

        int count = 0;
        for (int i = 0; i < n; i = next[i]) symbols[count++] = symbols[i];
        return count;
    }

    private void MergeByRank(Span<int> sym, Work w)
    {
        int n = sym.Length;
        int[] prev = w.Prev, cand = w.Candidate, batch = w.Batch;
        int lowest = int.MaxValue;
        // Pushed right to left, so a bucket's last-in-first-out list starts in position order.
        for (int i = n - 2; i >= 0; i--)
        {
            int rank = _table.Rank(sym[i], sym[i + 1]);
            cand[i] = rank;
            if (rank >= 0) { w.Push(rank, i); lowest = Math.Min(lowest, rank); }
        }

        ulong[] bits = w.Bits;
        int word = lowest >> 6;
        while (w.Pending > 0)
        {
            ulong b;
            while ((b = bits[word]) == 0) word++;
            int rank = (word << 6) | BitOperations.TrailingZeroCount(b);
            bits[word] = b & (b - 1);
            int k = w.Take(rank);
            if (k > 1 && _selfPair[rank]) batch.AsSpan(0, k).Sort(); // "AAA": leftmost first
            int merged = _result[rank];
            for (int j = 0; j < k; j++)
            {
                int pos = batch[j];
                if (cand[pos] != rank) continue; // stale: the pair at pos has changed since
                int after = Join(sym, w, pos, merged);
                int before = prev[pos];
                if (before >= 0)
                {
                    int r = _table.Rank(sym[before], merged);
                    cand[before] = r;
                    if (r >= 0) w.Push(r, before);
                }
                int rr = after < n ? _table.Rank(merged, sym[after]) : -1;
                cand[pos] = rr;
                if (rr >= 0) w.Push(rr, pos);
            }
        }
    }

    private void MergeByHeap(Span<int> sym, Work w)
    {
        int n = sym.Length;
        int[] prev = w.Prev, cand = w.Candidate;
        long[] heap = w.Heap;
        int size = 0;
        for (int i = 0; i + 1 < n; i++)
        {
            int rank = _table.Rank(sym[i], sym[i + 1]);
            cand[i] = rank;
            if (rank >= 0) heap[size++] = ((long)rank << 32) | (uint)i;
        }
        for (int i = size / 2 - 1; i >= 0; i--) SiftDown(heap, size, i);

        while (size > 0)
        {
            long top = heap[0];
            heap[0] = heap[--size];
            if (size > 0) SiftDown(heap, size, 0);
            int pos = (int)(uint)top, rank = (int)(top >> 32);
            if (cand[pos] != rank) continue; // stale: the pair at pos has changed since
            int after = Join(sym, w, pos, _result[rank]);
            int before = prev[pos];
            if (before >= 0)
            {
                int r = _table.Rank(sym[before], sym[pos]);
                cand[before] = r;
                if (r >= 0) Push(heap, ref size, ((long)r << 32) | (uint)before);
            }
            int rr = after < n ? _table.Rank(sym[pos], sym[after]) : -1;
            cand[pos] = rr;
            if (rr >= 0) Push(heap, ref size, ((long)rr << 32) | (uint)pos);
        }
    }

    /// <summary>Replaces the symbol at <paramref name="pos"/> and the next one by <paramref name="merged"/>; returns the position after them (n at the end).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Join(Span<int> sym, Work w, int pos, int merged)
    {
        int[] next = w.Next;
        int right = next[pos];
        sym[pos] = merged;
        int after = next[right];
        next[pos] = after;
        if (after < sym.Length) w.Prev[after] = pos;
        w.Candidate[right] = -1;
        return after;
    }

    private static void SiftDown(long[] heap, int size, int i)
    {
        long item = heap[i];
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= size) break;
            if (child + 1 < size && heap[child + 1] < heap[child]) child++;
            if (heap[child] >= item) break;
            heap[i] = heap[child];
            i = child;
        }
        heap[i] = item;
    }

    private static void Push(long[] heap, ref int size, long item)
    {
        int i = size++;
        while (i > 0)
        {
            int parent = (i - 1) >> 1;
            if (heap[parent] <= item) break;
            heap[i] = heap[parent];
            i = parent;
        }
        heap[i] = item;
    }

    /// <summary>
    /// Per-thread work arrays, grown to the longest word and the largest merge list seen, so a
    /// word allocates nothing. The rank buckets are linked lists of nodes (position, next node);
    /// between words every bucket is empty (head -1) and every bitmap word zero, so they are
    /// never cleared.
    /// </summary>
    private sealed class Work
    {
        [ThreadStatic] private static Work? _current;
        public int[] Next = [], Prev = [], Candidate = [], NodePosition = [], NodeLink = [], Batch = [], Head = [];
        public ulong[] Bits = [];
        public long[] Heap = [];
        public int Nodes, Pending;

        public static Work Get(int length, int ranks)
        {
            var w = _current ??= new Work();
            if (w.Next.Length < length)
            {
                int size = Math.Max(length, 1024);
                w.Next = new int[size]; w.Prev = new int[size]; w.Candidate = new int[size];
                // Queued entries: the initial pairs plus at most two per merge.
                w.NodePosition = new int[3 * size]; w.NodeLink = new int[3 * size]; w.Batch = new int[3 * size];
                w.Heap = new long[3 * size];
            }
            if (w.Head.Length < ranks)
            {
                w.Head = new int[ranks];
                Array.Fill(w.Head, -1);
                w.Bits = new ulong[(ranks + 63) / 64];
            }
            w.Nodes = 0;
            return w;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Push(int rank, int position)
        {
            int node = Nodes++;
            NodePosition[node] = position;
            NodeLink[node] = Head[rank];
            Head[rank] = node;
            Bits[rank >> 6] |= 1UL << rank;
            Pending++;
        }

        /// <summary>Empties bucket <paramref name="rank"/> into Batch; returns how many positions it held.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Take(int rank)
        {
            int k = 0;
            for (int node = Head[rank]; node >= 0; node = NodeLink[node]) Batch[k++] = NodePosition[node];
            Head[rank] = -1;
            Pending -= k;
            return k;
        }
    }
}
