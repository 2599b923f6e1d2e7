using System.Buffers.Binary;
using System.Numerics;
using System.Text;

namespace VqDna.Torch.Serialization;

/// <summary>A pickle tuple; kept apart from lists so error messages and argument checks can tell them apart.</summary>
internal sealed class PickleTuple(object?[] items)
{
    public object?[] Items { get; } = items;

    public override string ToString() => $"tuple of {Items.Length}";
}

/// <summary>A pickle dict (plain or collections.OrderedDict), keeping insertion order as Python does.</summary>
internal sealed class PickleDict
{
    // OrderedDictionary rejects null keys, and None is a legal Python key.
    private static readonly object NoneKey = new();

    private readonly OrderedDictionary<object, object?> items = new();

    /// <summary>Whether the pickle built it as collections.OrderedDict (only for messages).</summary>
    public bool Ordered { get; init; }

    public int Count => items.Count;

    /// <summary>Python semantics: setting an existing key replaces its value in place.</summary>
    public void Set(object? key, object? value) => items[key ?? NoneKey] = value;

    public IEnumerable<KeyValuePair<object?, object?>> Entries =>
        items.Select(e => new KeyValuePair<object?, object?>(ReferenceEquals(e.Key, NoneKey) ? null : e.Key, e.Value));
}

/// <summary>A global (module.name) that the host agreed to resolve.</summary>
internal sealed record PickleGlobal(string Module, string Name)
{
    public override string ToString() => $"{Module}.{Name}";
}

/// <summary>Malformed or refused pickle content; the caller adds the file name.</summary>
internal sealed class PickleException(string message) : Exception(message);

/// <summary>
/// What an unpickler must not decide by itself: which globals exist, what calling them means, how
/// persistent ids load. Keeping this outside the reader is the security boundary: the reader never
/// imports or executes anything, it only asks the host, which refuses what it does not know.
/// </summary>
internal interface IPickleHost
{
    /// <summary>Resolves GLOBAL/STACK_GLOBAL; throws <see cref="PickleException"/> for anything not allowed.</summary>
    object ResolveGlobal(string module, string name);

    /// <summary>REDUCE and NEWOBJ: applies a resolved global to its arguments.</summary>
    object? Call(object? callable, object?[] args);

    /// <summary>BINPERSID: turns a persistent id into the object it stands for.</summary>
    object? PersistentLoad(object? pid);

    /// <summary>BUILD: applies state to an object (torch.save uses it for OrderedDict._metadata).</summary>
    void Build(object? target, object? state);
}

/// <summary>
/// An unpickler for the subset of pickle (protocols 2 to 5) that torch.save emits for dicts of tensors.
/// It is iterative (no recursion on nesting), checks every length against the bytes left before
/// allocating, and always advances, so malformed input ends in a <see cref="PickleException"/>
/// rather than a crash, a hang or an outsized allocation.
/// </summary>
internal sealed class PickleReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    // A GLOBAL line is "module\n" or "name\n"; real ones are short, so a long one is garbage, not a name.
    private const int MaxGlobalLine = 512;

    private readonly byte[] data;
    private readonly IPickleHost host;
    private readonly List<object?> stack = new();
    private readonly List<int> marks = new();
    private readonly Dictionary<long, object?> memo = new();
    private int position;

    private PickleReader(byte[] data, IPickleHost host)
    {
        this.data = data;
        this.host = host;
    }

    /// <summary>Unpickles <paramref name="data"/> up to its STOP opcode.</summary>
    public static object? Load(byte[] data, IPickleHost host) => new PickleReader(data, host).Run();

    private object? Run()
    {
        while (true)
        {
            if (position >= data.Length) throw new PickleException($"data ends at byte {data.Length} without a STOP opcode (truncated?)");
            int start = position;
            byte op = data[position++];
            try
            {
                if (Step(op)) break;
            }
            catch (PickleException e)
            {
                throw new PickleException($"at byte {start} (opcode {OpName(op)}): {e.Message}");
            }
        }
        var result = Pop();
        if (stack.Count != 0 || marks.Count != 0)
            throw new PickleException($"STOP at byte {position - 1} leaves {stack.Count} values and {marks.Count} marks on the stack");
        return result;
    }

    /// <summary>Executes one opcode; true on STOP.</summary>
    private bool Step(byte op)
    {
        switch (op)
        {
            case 0x80: // PROTO
                int protocol = ReadByte();
                if (protocol is < 2 or > 5) throw new PickleException($"pickle protocol {protocol} is not supported (2 to 5 are)");
                break;
            case 0x95: // FRAME: an 8-byte length hint for buffering; the opcodes inside are read as usual
                Take(8);
                break;
            case (byte)'.': // STOP
                return true;

            case (byte)'}': Push(new PickleDict()); break; // EMPTY_DICT
            case (byte)']': Push(new List<object?>()); break; // EMPTY_LIST
            case (byte)')': Push(new PickleTuple([])); break; // EMPTY_TUPLE
            case (byte)'N': Push(null); break; // NONE
            case 0x88: Push(true); break; // NEWTRUE
            case 0x89: Push(false); break; // NEWFALSE

            case (byte)'(': marks.Add(stack.Count); break; // MARK
            case (byte)'0': Pop(); break; // POP
            case (byte)'1': PopMark(); break; // POP_MARK
            case (byte)'2': Push(Peek()); break; // DUP

            case (byte)'J': Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4))); break; // BININT
            case (byte)'K': Push((long)ReadByte()); break; // BININT1
            case (byte)'M': Push((long)BinaryPrimitives.ReadUInt16LittleEndian(Take(2))); break; // BININT2
            case 0x8a: Push(ReadLong(ReadByte())); break; // LONG1
            case 0x8b: Push(ReadLong(ReadLength(4))); break; // LONG4
            case (byte)'G': Push(BinaryPrimitives.ReadDoubleBigEndian(Take(8))); break; // BINFLOAT

            case (byte)'X': Push(ReadUtf8(ReadLength(4))); break; // BINUNICODE
            case 0x8c: Push(ReadUtf8(ReadByte())); break; // SHORT_BINUNICODE
            case 0x8d: Push(ReadUtf8(ReadLength(8))); break; // BINUNICODE8
            // Python 2 str: torch.load decodes these with encoding='utf-8' too.
            case (byte)'U': Push(ReadUtf8(ReadByte())); break; // SHORT_BINSTRING
            case (byte)'T': Push(ReadUtf8(ReadLength(4))); break; // BINSTRING
            case (byte)'C': Push(Take(ReadByte()).ToArray()); break; // SHORT_BINBYTES
            case (byte)'B': Push(Take(ReadLength(4)).ToArray()); break; // BINBYTES

            case (byte)'t': Push(new PickleTuple(PopMark())); break; // TUPLE
            case 0x85: Push(new PickleTuple([Pop()])); break; // TUPLE1
            case 0x86: // TUPLE2
            {
                var b = Pop();
                var a = Pop();
                Push(new PickleTuple([a, b]));
                break;
            }
            case 0x87: // TUPLE3
            {
                var c = Pop();
                var b = Pop();
                var a = Pop();
                Push(new PickleTuple([a, b, c]));
                break;
            }
            case (byte)'l': Push(new List<object?>(PopMark())); break; // LIST
            case (byte)'a': // APPEND
            {
                var item = Pop();
                AsList(Peek(), "APPEND").Add(item);
                break;
            }
            case (byte)'e': // APPENDS
            {
                var items = PopMark();
                AsList(Peek(), "APPENDS").AddRange(items);
                break;
            }
            case (byte)'d': // DICT
            {
                var items = PopMark();
                var dict = new PickleDict();
                SetItems(dict, items);
                Push(dict);
                break;
            }
            case (byte)'s': // SETITEM
            {
                var value = Pop();
                var key = Pop();
                AsDict(Peek(), "SETITEM").Set(key, value);
                break;
            }
            case (byte)'u': // SETITEMS
            {
                var items = PopMark();
                SetItems(AsDict(Peek(), "SETITEMS"), items);
                break;
            }

            case (byte)'q': memo[ReadByte()] = Peek(); break; // BINPUT
            case (byte)'r': memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4))] = Peek(); break; // LONG_BINPUT
            case 0x94: memo[memo.Count] = Peek(); break; // MEMOIZE
            case (byte)'h': Push(MemoGet(ReadByte())); break; // BINGET
            case (byte)'j': Push(MemoGet(BinaryPrimitives.ReadUInt32LittleEndian(Take(4)))); break; // LONG_BINGET

            case (byte)'c': // GLOBAL
            {
                var module = ReadLine();
                var name = ReadLine();
                Push(host.ResolveGlobal(module, name));
                break;
            }
            case 0x93: // STACK_GLOBAL
            {
                var name = Pop() as string ?? throw new PickleException("STACK_GLOBAL name is not a string");
                var module = Pop() as string ?? throw new PickleException("STACK_GLOBAL module is not a string");
                Push(host.ResolveGlobal(module, name));
                break;
            }
            case (byte)'R': // REDUCE
            case 0x81: // NEWOBJ: cls.__new__(cls, *args); for the globals we allow that is the same as calling them
            {
                var args = Pop() as PickleTuple ?? throw new PickleException("the arguments are not a tuple");
                var callable = Pop();
                Push(host.Call(callable, args.Items));
                break;
            }
            case (byte)'b': // BUILD
            {
                var state = Pop();
                host.Build(Peek(), state);
                break;
            }
            case (byte)'Q': Push(host.PersistentLoad(Pop())); break; // BINPERSID

            default:
                throw new PickleException($"unsupported opcode 0x{op:x2} (not something torch.save writes for a dict of tensors)");
        }
        return false;
    }

    private static void SetItems(PickleDict dict, object?[] items)
    {
        if (items.Length % 2 != 0) throw new PickleException($"odd number of items ({items.Length}) for key/value pairs");
        for (int i = 0; i < items.Length; i += 2) dict.Set(items[i], items[i + 1]);
    }

    private static List<object?> AsList(object? value, string op) =>
        value as List<object?> ?? throw new PickleException($"{op} on {Describe(value)}, not a list");

    private static PickleDict AsDict(object? value, string op) =>
        value as PickleDict ?? throw new PickleException($"{op} on {Describe(value)}, not a dict");

    private void Push(object? value) => stack.Add(value);

    private int Floor => marks.Count == 0 ? 0 : marks[^1];

    /// <summary>Pops one value; values below the innermost MARK are out of reach, as in Python's unpickler.</summary>
    private object? Pop()
    {
        if (stack.Count <= Floor) throw new PickleException("stack underflow");
        var value = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return value;
    }

    private object? Peek()
    {
        if (stack.Count <= Floor) throw new PickleException("stack underflow");
        return stack[^1];
    }

    private object?[] PopMark()
    {
        if (marks.Count == 0) throw new PickleException("no MARK to pop to");
        int at = marks[^1];
        marks.RemoveAt(marks.Count - 1);
        var items = stack.GetRange(at, stack.Count - at).ToArray();
        stack.RemoveRange(at, stack.Count - at);
        return items;
    }

    private object? MemoGet(long index) =>
        memo.TryGetValue(index, out var value) ? value : throw new PickleException($"memo index {index} was never stored");

    private byte ReadByte() => Take(1)[0];

    private ReadOnlySpan<byte> Take(long count)
    {
        if (count < 0 || count > data.Length - position)
            throw new PickleException($"needs {count} bytes but only {data.Length - position} remain (truncated?)");
        var span = data.AsSpan(position, (int)count);
        position += (int)count;
        return span;
    }

    /// <summary>A length prefix of 4 or 8 bytes, checked against the bytes left so nothing outsized is allocated.</summary>
    private long ReadLength(int width)
    {
        long length = width == 4
            ? BinaryPrimitives.ReadInt32LittleEndian(Take(4))
            : BinaryPrimitives.ReadInt64LittleEndian(Take(8));
        if (length < 0 || length > data.Length - position)
            throw new PickleException($"length {length} exceeds the {data.Length - position} bytes left (truncated?)");
        return length;
    }

    /// <summary>Little-endian two's complement, as LONG1/LONG4 store Python ints.</summary>
    private object ReadLong(long count)
    {
        var bytes = Take(count);
        if (bytes.Length == 0) return 0L;
        if (bytes.Length <= 8)
        {
            long value = (sbyte)bytes[^1]; // sign-extends from the top byte
            for (int i = bytes.Length - 2; i >= 0; i--) value = (value << 8) | bytes[i];
            return value;
        }
        var big = new BigInteger(bytes, isUnsigned: false, isBigEndian: false);
        return big >= long.MinValue && big <= long.MaxValue ? (long)big : big;
    }

    private string ReadUtf8(long count)
    {
        var bytes = Take(count);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new PickleException("a string is not valid UTF-8");
        }
    }

    private string ReadLine()
    {
        int end = Array.IndexOf(data, (byte)'\n', position, Math.Min(MaxGlobalLine, data.Length - position));
        if (end < 0) throw new PickleException("GLOBAL name is not terminated by a newline within 512 bytes (truncated?)");
        var line = ReadUtf8(end - position);
        position++; // the newline
        return line;
    }

    /// <summary>A short description of a pickled value with its article ("a list of 3"), for messages; never recursive.</summary>
    internal static string Describe(object? value) => value switch
    {
        null => "None",
        bool b => $"a bool ({(b ? "True" : "False")})",
        long or BigInteger => $"an int ({value})",
        double d => $"a float ({d})",
        string s => $"a str ('{(s.Length > 40 ? s[..40] + "..." : s)}')",
        byte[] b => $"a bytes object ({b.Length} bytes)",
        List<object?> l => $"a list of {l.Count}",
        PickleTuple t => $"a {t}",
        PickleDict d => $"{(d.Ordered ? "an OrderedDict" : "a dict")} of {d.Count}",
        PickleGlobal g => $"the global {g}",
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static string OpName(byte op) => op switch
    {
        0x80 => "PROTO", 0x95 => "FRAME", (byte)'.' => "STOP", (byte)'}' => "EMPTY_DICT", (byte)']' => "EMPTY_LIST",
        (byte)')' => "EMPTY_TUPLE", (byte)'N' => "NONE", 0x88 => "NEWTRUE", 0x89 => "NEWFALSE", (byte)'(' => "MARK",
        (byte)'0' => "POP", (byte)'1' => "POP_MARK", (byte)'2' => "DUP", (byte)'J' => "BININT", (byte)'K' => "BININT1",
        (byte)'M' => "BININT2", 0x8a => "LONG1", 0x8b => "LONG4", (byte)'G' => "BINFLOAT", (byte)'X' => "BINUNICODE",
        0x8c => "SHORT_BINUNICODE", 0x8d => "BINUNICODE8", (byte)'U' => "SHORT_BINSTRING", (byte)'T' => "BINSTRING",
        (byte)'C' => "SHORT_BINBYTES", (byte)'B' => "BINBYTES", (byte)'t' => "TUPLE", 0x85 => "TUPLE1", 0x86 => "TUPLE2",
        0x87 => "TUPLE3", (byte)'l' => "LIST", (byte)'a' => "APPEND", (byte)'e' => "APPENDS", (byte)'d' => "DICT",
        (byte)'s' => "SETITEM", (byte)'u' => "SETITEMS", (byte)'q' => "BINPUT", (byte)'r' => "LONG_BINPUT",
        0x94 => "MEMOIZE", (byte)'h' => "BINGET", (byte)'j' => "LONG_BINGET", (byte)'c' => "GLOBAL",
        0x93 => "STACK_GLOBAL", (byte)'R' => "REDUCE", 0x81 => "NEWOBJ", (byte)'b' => "BUILD", (byte)'Q' => "BINPERSID",
        _ => $"0x{op:x2}",
    };
}
