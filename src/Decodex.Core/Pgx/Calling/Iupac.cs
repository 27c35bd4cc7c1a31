namespace Decodex.Core.Pgx.Calling;

/// <summary>IUPAC nucleotide codes as used in allele definitions (e.g. <c>R</c> = A or G).</summary>
internal static class Iupac
{
    /// <summary>True for a code that stands for more than one base.</summary>
    public static bool IsWobble(char code) => Bases(code).Length > 1;

    /// <summary>Whether <paramref name="code"/> stands for <paramref name="letter"/>.</summary>
    public static bool Admits(char code, char letter) => Bases(code).Contains(letter, StringComparison.Ordinal);

    private static string Bases(char code) => code switch
    {
        'A' => "A",
        'C' => "C",
        'G' => "G",
        'T' => "T",
        'R' => "AG",
        'Y' => "CT",
        'S' => "CG",
        'W' => "AT",
        'K' => "GT",
        'M' => "AC",
        'B' => "CGT",
        'D' => "AGT",
        'H' => "ACT",
        'V' => "ACG",
        'N' => "ACGT",
        _ => string.Empty,
    };
}
