using System.Globalization;
using System.Runtime.CompilerServices;

namespace Decodex.Core.Genomics;

/// <summary>
/// A variant identifier packed in 64 bits: the kind in the top two bits and a number below
/// (the rsID number, the internal id's number, or an index into a name table).
/// </summary>
public readonly record struct VariantId(ulong Value)
{
    private const int KindShift = 62;
    private const ulong NumberMask = (1UL << KindShift) - 1;

    public VariantIdKind Kind => (VariantIdKind)(Value >> KindShift);

    /// <summary>The rsID or internal number, or the name-table index.</summary>
    public ulong Number => Value & NumberMask;

    public static VariantId RsId(ulong number) => new(number);

    public static VariantId Internal(ulong number) => new(((ulong)VariantIdKind.Internal << KindShift) | number);

    public static VariantId PositionOnly => new((ulong)VariantIdKind.Position << KindShift);

    public static VariantId Name(int index) => new(((ulong)VariantIdKind.Name << KindShift) | (uint)index);

    /// <summary>
    /// Parses <c>rs123</c> (rsID) and <c>i123</c> (internal) ids; the first of a comma-joined list
    /// (<c>rs6,rs9</c>) counts. Returns false for other names and for position ids.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParseNumbered(ReadOnlySpan<byte> text, out VariantId id)
    {
        id = default;
        var comma = text.IndexOf((byte)',');
        if (comma > 0)
        {
            text = text[..comma];
        }

        VariantIdKind kind;
        if (text.Length > 2 && (text[0] | 0x20) == 'r' && (text[1] | 0x20) == 's')
        {
            kind = VariantIdKind.RsId;
            text = text[2..];
        }
        else if (text.Length > 1 && text[0] == 'i')
        {
            kind = VariantIdKind.Internal;
            text = text[1..];
        }
        else
        {
            return false;
        }

        if (text.Length is 0 or > 15)
        {
            return false;
        }

        ulong number = 0;
        foreach (var b in text)
        {
            var digit = (uint)(b - '0');
            if (digit > 9)
            {
                return false;
            }

            number = (number * 10) + digit;
        }

        id = kind == VariantIdKind.RsId ? RsId(number) : Internal(number);
        return true;
    }

    /// <summary>Parses an rsID written as a string, e.g. "rs429358".</summary>
    public static VariantId ParseRsId(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("rs", StringComparison.OrdinalIgnoreCase) && ulong.TryParse(text.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return RsId(n);
        }

        throw new FormatException("Not an rsID: expected 'rs' followed by digits.");
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        VariantIdKind.RsId => "rs" + Number.ToString(CultureInfo.InvariantCulture),
        VariantIdKind.Internal => "i" + Number.ToString(CultureInfo.InvariantCulture),
        VariantIdKind.Position => "(position)",
        _ => "#" + Number.ToString(CultureInfo.InvariantCulture),
    };
}
