using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace VqDna.Tokenizers.Bpe;

/// <summary>
/// Learns BPE merges from sequences, reproducing Hugging Face's BpeTrainer (tokenizers,
/// models/bpe/trainer.rs) merge for merge: words are whitespace-separated pieces, counted;
/// the alphabet is sorted by code point after the special tokens; pair counts are weighted by
/// word counts; the next merge is the most frequent pair, ties going to the smallest
/// (left id, right id). Like HF, a queue entry remembers which words held the pair when it was
/// queued, and only those words are rewritten when it is popped; an entry whose count is stale
/// is re-queued with the current count. These details decide the merges once counts tie, so
/// they are kept as they are.
/// </summary>
public sealed class BpeTrainer(BpeTrainerConfig config)
{
    /// <summary>The settings this trainer uses.</summary>
    public BpeTrainerConfig Config { get; } = config;

    /// <summary>Trains on <paramref name="sequences"/> (each may hold several whitespace-separated words).</summary>
    public BpeVocabulary Train(IEnumerable<string> sequences, IProgress<int>? mergesDone = null)
    {
        Config.Validate();
        var wordCounts = CountWords(sequences);

        // 1-2. Special tokens, then the alphabet sorted by code point.
        var tokens = new List<string>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        void AddToken(string token) { if (ids.TryAdd(token, tokens.Count)) tokens.Add(token); }
        if (Config.IncludeSpecialTokens) foreach (var s in SpecialTokens.Names) AddToken(s);
        var alphabet = new SortedSet<int>();
        foreach (var word in wordCounts.Keys) foreach (var rune in word.EnumerateRunes()) alphabet.Add(rune.Value);
        foreach (int cp in alphabet) AddToken(char.ConvertFromUtf32(cp));
        var tokenLength = new List<int>();
        foreach (var t in tokens) tokenLength.Add(Config.IncludeSpecialTokens && tokenLength.Count < SpecialTokens.Count ? 0 : 1);

        // 3. Words as arrays of symbol ids.
        var words = new Word[wordCounts.Count];
        var counts = new long[wordCounts.Count];
        int w = 0;
        foreach (var (text, count) in wordCounts)
        {
            var symbols = new List<int>(text.Length);
            foreach (var rune in text.EnumerateRunes()) symbols.Add(ids[rune.ToString()]);
            words[w] = new Word([.. symbols]);
            counts[w++] = count;
        }

        // 4. Count pairs and where they occur.
        var pairCounts = new Dictionary<long, long>(PairComparer.Instance);
        var whereToUpdate = new Dictionary<long, List<int>>(PairComparer.Instance);
        for (int i = 0; i < words.Length; i++)
        {
            var s = words[i].Symbols;
            for (int j = 0; j + 1 < words[i].Length; j++)
            {
                long pair = Pair(s[j], s[j + 1]);
                CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _) += counts[i];
                AddPosition(whereToUpdate, pair, i);
            }
        }
        var queue = new MergeQueue();
        Flush(whereToUpdate, pairCounts, queue);

        // 5. Merge until the vocabulary is full.
        var merges = new List<(long Pair, int NewId)>();
        long maxLength = Config.MaxTokenLength ?? long.MaxValue;
        while (ids.Count < Config.VocabSize && queue.Count > 0)
        {
            var top = queue.Pop();
            long current = pairCounts[top.Pair];
            if (top.Count != current) { top.Count = current; queue.Push(top); continue; }
            if (top.Count < 1 || Config.MinFrequency > top.Count) break;

            int left = (int)(top.Pair >> 32), right = (int)(uint)top.Pair;
            string merged = tokens[left] + tokens[right];
            if (!ids.TryGetValue(merged, out int newId))
            {
                newId = tokens.Count;
                ids.Add(merged, newId);
                tokens.Add(merged);
                tokenLength.Add(tokenLength[left] + tokenLength[right]);
            }
            merges.Add((top.Pair, newId));

            MergeWords(words, counts, top.Positions, left, right, newId, maxLength, tokenLength, pairCounts, whereToUpdate);
            Flush(whereToUpdate, pairCounts, queue);
            mergesDone?.Report(merges.Count);
        }

        // HF's model keeps one rank per pair (the last); its saved merges are that map by rank.
        var last = new Dictionary<long, int>();
        for (int r = 0; r < merges.Count; r++) last[merges[r].Pair] = r;
        var result = new List<(string, string)>(last.Count);
        for (int r = 0; r < merges.Count; r++)
            if (last[merges[r].Pair] == r)
                result.Add((tokens[(int)(merges[r].Pair >> 32)], tokens[(int)(uint)merges[r].Pair]));
        return new BpeVocabulary(tokens, result);
    }

    /// <summary>Trains and wraps the result as a tokenizer (needs <see cref="BpeTrainerConfig.IncludeSpecialTokens"/>).</summary>
    public BpeTokenizer TrainTokenizer(IEnumerable<string> sequences, IProgress<int>? mergesDone = null)
    {
        if (!Config.IncludeSpecialTokens) throw new InvalidOperationException("a BpeTokenizer needs the special tokens: set IncludeSpecialTokens");
        return new BpeTokenizer(Train(sequences, mergesDone));
    }

    /// <summary>
    /// Rewrites (left, right) as newId in the given words. Large sets are split across cores, each
    /// collecting its count changes and gains apart; sums and set unions do not depend on order,
    /// so the result is the same as a sequential pass.
    /// </summary>
    private static void MergeWords(Word[] words, long[] counts, List<int> positions, int left, int right, int newId, long maxLength,
        List<int> tokenLength, Dictionary<long, long> pairCounts, Dictionary<long, List<int>> whereToUpdate)
    {
        int workers = Math.Min(Environment.ProcessorCount, positions.Count / ParallelChunk);
        if (workers < 2)
        {
            foreach (int i in positions)
                words[i].Merge(left, right, newId, maxLength, tokenLength, counts[i], i, pairCounts, whereToUpdate);
            return;
        }
        var deltas = new Dictionary<long, long>[workers];
        var gains = new Dictionary<long, List<int>>[workers];
        Parallel.For(0, workers, w =>
        {
            var d = deltas[w] = new Dictionary<long, long>(PairComparer.Instance);
            var g = gains[w] = new Dictionary<long, List<int>>(PairComparer.Instance);
            int from = (int)((long)positions.Count * w / workers), to = (int)((long)positions.Count * (w + 1) / workers);
            for (int k = from; k < to; k++)
            {
                int i = positions[k];
                words[i].Merge(left, right, newId, maxLength, tokenLength, counts[i], i, d, g);
            }
        });
        for (int w = 0; w < workers; w++)
        {
            foreach (var (pair, delta) in deltas[w])
                CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _) += delta;
            foreach (var (pair, list) in gains[w])
            {
                ref var target = ref CollectionsMarshal.GetValueRefOrAddDefault(whereToUpdate, pair, out bool exists);
                if (!exists) target = list; else target!.AddRange(list);
            }
        }
    }

    /// <summary>
    /// Hashes a pair key (left &lt;&lt; 32 | right) by Fibonacci hashing. long's own hash is
    /// left ^ right, which collides for every pair with the same XOR and made training 3x slower.
    /// </summary>
    private sealed class PairComparer : IEqualityComparer<long>
    {
        public static readonly PairComparer Instance = new();
        public bool Equals(long x, long y) => x == y;
        public int GetHashCode(long pair) => (int)(((ulong)pair * 0x9E3779B97F4A7C15UL) >> 32);
    }

    /// <summary>Fewest words per worker worth a parallel merge.</summary>
    private const int ParallelChunk = 64;

    private static Dictionary<string, long> CountWords(IEnumerable<string> sequences)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var sequence in sequences)
            foreach (var word in sequence.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
                counts[word] = counts.GetValueOrDefault(word) + 1;
        return counts;
    }

    private static long Pair(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>
    /// Records that word <paramref name="index"/> gained <paramref name="pair"/>. Words are visited
    /// one at a time, so a repeat can only be the last element: the list stays a set.
    /// </summary>
    private static void AddPosition(Dictionary<long, List<int>> map, long pair, int index)
    {
        ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(map, pair, out _);
        list ??= new List<int>(4);
        if (list.Count == 0 || list[^1] != index) list.Add(index);
    }

    /// <summary>Queues every pair that gained occurrences, with the words where it gained them.</summary>
    private static void Flush(Dictionary<long, List<int>> whereToUpdate, Dictionary<long, long> pairCounts, MergeQueue queue)
    {
        foreach (var (pair, positions) in whereToUpdate)
        {
            long count = pairCounts[pair];
            if (count > 0) queue.Push(new MergeEntry(pair, count, positions));
        }
        whereToUpdate.Clear();
    }

    private sealed class MergeEntry(long pair, long count, List<int> positions)
    {
        public readonly long Pair = pair;
        public long Count = count;
        public readonly List<int> Positions = positions;

        /// <summary>True when this entry pops before <paramref name="other"/>: higher count, then smaller pair.</summary>
        public bool Before(MergeEntry other) => Count != other.Count ? Count > other.Count : Pair < other.Pair;
    }

    /// <summary>A binary max-heap of merge candidates.</summary>
    private sealed class MergeQueue
    {
        private readonly List<MergeEntry> _heap = [];

        public int Count => _heap.Count;

        public void Push(MergeEntry entry)
        {
            _heap.Add(entry);
            int i = _heap.Count - 1;
            while (i > 0)
            {
                int parent = (i - 1) / 2;
                if (!entry.Before(_heap[parent])) break;
                _heap[i] = _heap[parent];
                i = parent;
            }
            _heap[i] = entry;
        }

        public MergeEntry Pop()
        {
            var top = _heap[0];
            var last = _heap[^1];
            _heap.RemoveAt(_heap.Count - 1);
            if (_heap.Count == 0) return top;
            int i = 0, n = _heap.Count;
            while (true)
            {
                int child = 2 * i + 1;
                if (child >= n) break;
                if (child + 1 < n && _heap[child + 1].Before(_heap[child])) child++;
                if (!_heap[child].Before(last)) break;
                _heap[i] = _heap[child];
                i = child;
            }
            _heap[i] = last;
            return top;
        }
    }

    /// <summary>The first p ≥ <paramref name="from"/> with s[p] = left and s[p + 1] = right (p + 1 &lt; n), or -1.</summary>
    private static int FindPair(int[] s, int from, int n, int left, int right)
    {
        int p = from;
        if (Vector256.IsHardwareAccelerated)
        {
            var vl = Vector256.Create(left);
            var vr = Vector256.Create(right);
            ref int start = ref MemoryMarshal.GetArrayDataReference(s);
            for (; p + Vector256<int>.Count < n; p += Vector256<int>.Count)
            {
                var a = Vector256.LoadUnsafe(ref start, (nuint)p);
                var b = Vector256.LoadUnsafe(ref start, (nuint)(p + 1));
                uint bits = (Vector256.Equals(a, vl) & Vector256.Equals(b, vr)).ExtractMostSignificantBits();
                if (bits != 0) return p + BitOperations.TrailingZeroCount(bits);
            }
        }
        for (; p + 1 < n; p++)
            if (s[p] == left && s[p + 1] == right) return p;
        return -1;
    }

    /// <summary>One distinct word as a mutable array of symbol ids.</summary>
    private sealed class Word(int[] symbols)
    {
        public readonly int[] Symbols = symbols;
        public int Length = symbols.Length;

        /// <summary>
        /// Replaces every non-overlapping (left, right), scanning left to right, and records the
        /// pair-count changes this causes exactly as HF's Word::merge reports them.
        /// </summary>
        public void Merge(int left, int right, int newId, long maxLength, List<int> tokenLength, long count, int index,
            Dictionary<long, long> pairCounts, Dictionary<long, List<int>> whereToUpdate)
        {
            var s = Symbols;
            int write = 0, read = 0, n = Length;
            long newLength = tokenLength[newId];
            while (read < n)
            {
                // Jump to the next occurrence of the pair (vectorised), moving the skipped block down.
                int found = FindPair(s, read, n, left, right);
                int end = found < 0 ? n : found;
                if (write != read) s.AsSpan(read, end - read).CopyTo(s.AsSpan(write));
                write += end - read;
                read = end;
                if (found < 0) break;
                if (write > 0)
                {
                    int before = s[write - 1];
                    Change(Pair(before, left), -count);
                    if (tokenLength[before] + newLength < maxLength) Gain(Pair(before, newId));
                }
                if (read + 2 < n)
                {
                    int after = s[read + 2];
                    Change(Pair(right, after), -count);
                    if (tokenLength[after] + newLength < maxLength) Gain(Pair(newId, after));
                }
                s[write++] = newId;
                read += 2;
            }
            Length = write;

            void Change(long pair, long delta)
            {
                ref long c = ref CollectionsMarshal.GetValueRefOrAddDefault(pairCounts, pair, out _);
                c += delta;
            }
            void Gain(long pair)
            {
                Change(pair, count);
                AddPosition(whereToUpdate, pair, index);
            }
        }
    }
}
