using System.Globalization;
using System.Runtime.CompilerServices;

namespace Decodex.Core.Genomics;

/// <summary>
/// A chromosome as one byte: 1–22, X (23), Y (24), the pseudo-autosomal XY (25) and MT (26).
/// The default value (0) means "not a chromosome Decodex places" (unplaced contigs).
/// </summary>
public readonly record struct Chromosome(byte Code)
{
    public static Chromosome None => default;
    public static Chromosome X => new(23);
    public static Chromosome Y => new(24);
    public static Chromosome XY => new(25);
    public static Chromosome MT => new(26);

    public bool IsKnown => Code is >= 1 and <= 26;
    public bool IsAutosome => Code is >= 1 and <= 22;

    /// <summary>
    /// Parses a chromosome name as files write it: <c>1</c>–<c>22</c>, <c>X</c>, <c>Y</c>, <c>XY</c>,
    /// <c>PAR</c>, <c>MT</c>/<c>M</c>, an optional <c>chr</c> prefix, and AncestryDNA's numeric codes
    /// 23 (X), 24 (Y), 25 (XY) and 26 (MT). Anything else gives <see cref="None"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Chromosome Parse(ReadOnlySpan<byte> text)
    {
        if (text.Length >= 3 && (text[0] | 0x20) == 'c' && (text[1] | 0x20) == 'h' && (text[2] | 0x20) == 'r')
        {
            text = text[3..];
        }

        switch (text.Length)
        {
            case 1:
                var c = text[0];
                if (c is >= (byte)'1' and <= (byte)'9')
                {
                    return new((byte)(c - '0'));
                }

                return (c | 0x20) switch
                {
                    'x' => X,
                    'y' => Y,
                    'm' => MT,
                    _ => None,
                };
            case 2:
                if (text[0] is >= (byte)'0' and <= (byte)'9' && text[1] is >= (byte)'0' and <= (byte)'9')
                {
                    var n = ((text[0] - '0') * 10) + (text[1] - '0');
                    return n is >= 1 and <= 26 ? new((byte)n) : None;
                }

                return ((text[0] | 0x20), (text[1] | 0x20)) switch
                {
                    ('x', 'y') => XY,
                    ('m', 't') => MT,
                    _ => None,
                };
            case 3:
                return (text[0] | 0x20) == 'p' && (text[1] | 0x20) == 'a' && (text[2] | 0x20) == 'r' ? XY : None;
            default:
                return None;
        }
    }

    /// <summary>Parses a chromosome name given as a string; see <see cref="Parse(ReadOnlySpan{byte})"/>.</summary>
    public static Chromosome Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> buffer = stackalloc byte[Math.Min(text.Length, 16)];
        for (var i = 0; i < buffer.Length; i++)
        {
            buffer[i] = text[i] < 128 ? (byte)text[i] : (byte)'?';
        }

        return text.Length > 16 ? None : Parse(buffer);
    }

    /// <inheritdoc />
    public override string ToString() => Code switch
    {
        0 => "?",
        23 => "X",
        24 => "Y",
        25 => "XY",
        26 => "MT",
        _ => Code.ToString(CultureInfo.InvariantCulture),
    };
}
