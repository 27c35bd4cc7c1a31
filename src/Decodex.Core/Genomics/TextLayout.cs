namespace Decodex.Core.Genomics;

/// <summary>How the rows of a delimited genotype file are laid out.</summary>
internal sealed record TextLayout
{
    public required Delimiter Delimiter { get; init; }
    public required int IdColumn { get; init; }
    public int ChromosomeColumn { get; init; } = -1;
    public int PositionColumn { get; init; } = -1;
    public int GenotypeColumn { get; init; } = -1;
    public int Allele1Column { get; init; } = -1;
    public int Allele2Column { get; init; } = -1;

    /// <summary>Per-row strand column (deCODEme): '-' rows are complemented to the plus strand.</summary>
    public int StrandColumn { get; init; } = -1;

    /// <summary>The header line's text, so a repeated header (concatenated FTDNA files) is skipped.</summary>
    public string? HeaderText { get; init; }

    /// <summary>Lines before the data start (comments, header, the Illumina [Header] block).</summary>
    public int DataStartsAfterLine { get; init; }

    /// <summary>Alleles are on Illumina's Forward or Top strand, not plus.</summary>
    public bool StrandNotPlus { get; init; }

    /// <summary>The number of columns a data row needs for this layout.</summary>
    public int MinimumColumns => new[] { IdColumn, ChromosomeColumn, PositionColumn, GenotypeColumn, Allele1Column, Allele2Column, StrandColumn }.Max() + 1;
}

/// <summary>Column separator of a delimited file.</summary>
internal enum Delimiter
{
    Tab,
    Comma,

    /// <summary>Runs of tabs and spaces (AncestryDNA files mix them).</summary>
    Whitespace,
}
