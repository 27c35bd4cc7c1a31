using System.Runtime.CompilerServices;

namespace Decodex.Core.Genomics;

/// <summary>
/// A genotype in one byte: an unordered pair of alleles, a single (haploid) allele, or an explicit
/// no-call (the default value). Alleles are A, C, G, T, and the indel codes D and I. Allele order
/// carries no meaning: <c>CT</c> and <c>TC</c> are equal. Letters are as the file reports them on
/// the plus strand; nothing here flips strands.
/// </summary>
public readonly record struct Genotype(byte Code)
{
    // Allele codes: 0 = none, 1 A, 2 C, 3 G, 4 T, 5 D, 6 I. Code = first << 3 | second, first <= second,
    // except haploid calls, which are first << 3 with second = 0.
    private const string Letters = "-ACGTDI";

    /// <summary>The explicit no-call.</summary>
    public static Genotype NoCall => default;

    public bool IsNoCall => Code == 0;
    public bool IsHaploid => Code != 0 && (Code & 7) == 0;
    public bool IsHeterozygous => !IsHaploid && Code != 0 && (Code >> 3) != (Code & 7);
    public bool IsHomozygous => !IsHaploid && Code != 0 && (Code >> 3) == (Code & 7);

    /// <summary>First allele letter (alphabetical order of codes), or '-' for a no-call.</summary>
    public char First => Letters[Code >> 3];

    /// <summary>Second allele letter, or '-' when haploid or no-call.</summary>
    public char Second => Letters[Code & 7];

    /// <summary>Allele code of a letter: A C G T D I (either case), else 0.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte AlleleCode(byte letter) => (letter | 0x20) switch
    {
        'a' => 1,
        'c' => 2,
        'g' => 3,
        't' => 4,
        'd' => 5,
        'i' => 6,
        _ => 0,
    };

    /// <summary>A genotype from two allele codes (1–6); 0 as the second makes a haploid call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Genotype FromAlleles(byte first, byte second)
    {
        if (first == 0)
        {
            (first, second) = (second, first);
        }

        if (second != 0 && second < first)
        {
            (first, second) = (second, first);
        }

        return new((byte)((first << 3) | second));
    }

    /// <summary>
    /// Parses a genotype as vendors write it: <c>AG</c>, <c>A</c>, <c>--</c>, <c>-</c>, <c>00</c>,
    /// <c>II</c>, <c>DI</c>. Returns false for anything else (the caller reports it without echoing it).
    /// No-call spellings give <see cref="NoCall"/> and true.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryParse(ReadOnlySpan<byte> text, out Genotype genotype)
    {
        genotype = NoCall;
        switch (text.Length)
        {
            case 1:
                if (text[0] is (byte)'-' or (byte)'0' or (byte)'.')
                {
                    return true;
                }

                var a = AlleleCode(text[0]);
                if (a == 0)
                {
                    return false;
                }

                genotype = new((byte)(a << 3));
                return true;
            case 2:
                if (IsNoCallChar(text[0]) && IsNoCallChar(text[1]))
                {
                    return true;
                }

                var x = AlleleCode(text[0]);
                var y = AlleleCode(text[1]);
                if (x == 0 || y == 0)
                {
                    return false;
                }

                genotype = FromAlleles(x, y);
                return true;
            case 0:
                return true;
            default:
                return false;
        }
    }

    /// <summary>The genotype with each base complemented (A↔T, C↔G); I and D unchanged.</summary>
    public Genotype Complement()
    {
        static byte C(byte a) => a switch
        {
            1 => 4,
            4 => 1,
            2 => 3,
            3 => 2,
            _ => a,
        };

        return IsNoCall ? this : IsHaploid ? new((byte)(C((byte)(Code >> 3)) << 3)) : FromAlleles(C((byte)(Code >> 3)), C((byte)(Code & 7)));
    }

    /// <summary>A haploid call made of the first allele (for homozygous calls on haploid chromosomes).</summary>
    public Genotype ToHaploid() => IsNoCall || IsHaploid ? this : new((byte)(Code & 0x38));

    /// <summary>Whether the genotype carries <paramref name="letter"/> (count 0, 1 or 2).</summary>
    public int Count(char letter)
    {
        var code = AlleleCode((byte)letter);
        if (code == 0 || IsNoCall)
        {
            return 0;
        }

        return ((Code >> 3) == code ? 1 : 0) + ((Code & 7) == code ? 1 : 0);
    }

    /// <inheritdoc />
    public override string ToString() => IsNoCall ? "--" : IsHaploid ? First.ToString() : string.Concat(First, Second);

    private static bool IsNoCallChar(byte b) => b is (byte)'-' or (byte)'0' or (byte)'.' or (byte)'N' or (byte)'n' or (byte)'?';
}
