using System.Buffers.Binary;
using System.Text;

namespace Decodex.Core.Genomics.Bgzf;

/// <summary>Reads the little-endian fields of a decompressed index, refusing to run past its end.</summary>
internal sealed class IndexCursor(byte[] data, string kind)
{
    private int _position;

    public int Remaining => data.Length - _position;

    /// <summary>Where the cursor is in the decompressed index.</summary>
    public int Position
    {
        get => _position;
        set => _position = value is >= 0 && value <= data.Length ? value : throw Invalid("an offset lies outside the data");
    }

    /// <summary>A new cursor over the same data, at <paramref name="position"/>.</summary>
    public IndexCursor Fork(int position) => new(data, kind) { Position = position };

    /// <summary>Skips <paramref name="count"/> bytes, checking they exist.</summary>
    public void Skip(long count)
    {
        if (count < 0 || count > Remaining)
        {
            throw Invalid("a count is negative or larger than the data left");
        }

        _position += (int)count;
    }

    public bool TryReadMagic(ReadOnlySpan<byte> magic)
    {
        if (Remaining < magic.Length || !data.AsSpan(_position, magic.Length).SequenceEqual(magic))
        {
            return false;
        }

        _position += magic.Length;
        return true;
    }

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    public ReadOnlySpan<byte> ReadBytes(int count) => Take(count);

    /// <summary>Reads a count and checks that that many items of <paramref name="itemSize"/> bytes can follow.</summary>
    public int ReadCount(int itemSize)
    {
        var count = ReadInt32();
        if (count < 0 || (long)count * itemSize > Remaining)
        {
            throw Invalid("a count is negative or larger than the data left");
        }

        return count;
    }

    /// <summary>Reads the tabix-style sequence-name block: l_nm, then that many bytes of NUL-terminated names.</summary>
    public List<string> ReadNames()
    {
        var length = ReadCount(1);
        var bytes = ReadBytes(length);
        var names = new List<string>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == 0)
            {
                names.Add(Encoding.UTF8.GetString(bytes[start..i]));
                start = i + 1;
            }
        }

        if (start != bytes.Length)
        {
            throw Invalid("the sequence names are not NUL-terminated");
        }

        return names;
    }

    public InvalidDataException Invalid(string what) => new($"The {kind} index is invalid: {what}.");

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > Remaining)
        {
            throw Invalid("it ends early");
        }

        var span = data.AsSpan(_position, count);
        _position += count;
        return span;
    }
}
