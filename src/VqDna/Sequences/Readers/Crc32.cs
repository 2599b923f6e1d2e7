namespace VqDna.Sequences.Readers;

/// <summary>CRC-32 (ISO-HDLC, polynomial 0xEDB88320), as gzip's trailer records it; slicing-by-4.</summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    private static uint[] BuildTable()
    {
        var table = new uint[4 * 256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            table[i] = c;
        }
        for (int i = 0; i < 256; i++)
            for (int t = 1; t < 4; t++) table[t * 256 + i] = (table[(t - 1) * 256 + i] >> 8) ^ table[table[(t - 1) * 256 + i] & 0xff];
        return table;
    }

    /// <summary>The CRC of the bytes so far (<paramref name="crc"/>, 0 at the start) followed by <paramref name="data"/>.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        uint c = ~crc;
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            c ^= (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            c = t[768 + (c & 0xff)] ^ t[512 + ((c >> 8) & 0xff)] ^ t[256 + ((c >> 16) & 0xff)] ^ t[c >> 24];
        }
        for (; i < data.Length; i++) c = t[(c ^ data[i]) & 0xff] ^ (c >> 8);
        return ~c;
    }
}
