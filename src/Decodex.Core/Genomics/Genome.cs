using System.Globalization;

namespace Decodex.Core.Genomics;

/// <summary>
/// One person's genotypes, normalised: placed rows with an id, chromosome, position in
/// <see cref="Build"/>, and a genotype on the plus strand. Immutable and thread-safe for reads.
/// Lookups by rsID and by position never scan. A genome read from a streamed VCF keeps only the
/// rows Decodex needs (see <see cref="IsComplete"/>); its <see cref="Counts"/> still describe the whole file.
/// </summary>
public sealed class Genome
{
    private readonly ulong[] _ids;
    private readonly byte[] _chromosomes;
    private readonly int[] _positions;
    private readonly byte[] _genotypes;
    private readonly string[] _names;
    private readonly RsIdIndex _index;
    private readonly Lazy<PositionIndex> _byPosition;

    internal Genome(GenomeRows rows, RsIdIndex index, GenomeBuild build, Sex sex, GenomeCounts counts, bool isComplete)
    {
        _ids = rows.Ids;
        _chromosomes = rows.Chromosomes;
        _positions = rows.Positions;
        _genotypes = rows.Genotypes;
        _names = rows.Names.ToArray();
        SequenceCalls = rows.SequenceCalls.ToArray();
        Count = rows.Count;
        _index = index;
        Build = build;
        Sex = sex;
        Counts = counts;
        IsComplete = isComplete;
        _byPosition = new Lazy<PositionIndex>(() => PositionIndex.Build(_chromosomes, _positions, Count));
    }

    /// <summary>Rows held in memory.</summary>
    public int Count { get; }

    /// <summary>The build positions refer to; <see cref="GenomeBuild.Unknown"/> when it could not be told.</summary>
    public GenomeBuild Build { get; }

    public Sex Sex { get; }

    public GenomeCounts Counts { get; }

    /// <summary>False when only selected rows of a large file were kept (streamed or indexed VCF).</summary>
    public bool IsComplete { get; }

    /// <summary>
    /// VCF calls at target positions whose alleles are not single bases (indels, multi-base
    /// substitutions), with their exact sequences; empty for other formats.
    /// </summary>
    public IReadOnlyList<SequenceCall> SequenceCalls { get; }

    public VariantId Id(int row) => new(_ids[row]);

    public Chromosome Chromosome(int row) => new(_chromosomes[row]);

    public int Position(int row) => _positions[row];

    public Genotype Genotype(int row) => new(_genotypes[row]);

    /// <summary>The id as written: <c>rs123</c>, <c>i123</c>, the vendor's name, or <c>chr:pos</c>.</summary>
    public string IdText(int row)
    {
        var id = Id(row);
        return id.Kind switch
        {
            VariantIdKind.Name => _names[(int)id.Number],
            VariantIdKind.Position => string.Create(CultureInfo.InvariantCulture, $"{Chromosome(row)}:{Position(row)}"),
            _ => id.ToString(),
        };
    }

    /// <summary>The row of an rsID, or -1 when the file does not have it (unknown, not reference).</summary>
    public int FindRsId(ulong rsNumber) => _index.Find(VariantId.RsId(rsNumber).Value);

    /// <summary>The row of an id as files write it (<c>rs6025</c>, 23andMe's <c>i3000001</c>), or -1 when absent or not an id.</summary>
    public int FindId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.Length <= 20 && VariantId.TryParseNumbered(System.Text.Encoding.ASCII.GetBytes(id), out var parsed) ? _index.Find(parsed.Value) : -1;
    }

    /// <summary>
    /// The row at a position, or -1. The position must be in this genome's build: comparing positions
    /// across builds is a caller bug, and a genome whose build is unknown cannot be searched by position.
    /// </summary>
    /// <exception cref="ArgumentException">The position's build differs from <see cref="Build"/>, or is unknown.</exception>
    public int FindPosition(GenomicPosition position)
    {
        if (position.Build == GenomeBuild.Unknown || position.Build != Build)
        {
            throw new ArgumentException($"A {position.Build} position cannot be looked up in a genome of build {Build}.", nameof(position));
        }

        return _byPosition.Value.Find(position.Chromosome.Code, position.Position);
    }

    /// <summary>
    /// The sequence call at a position, or null. The position must be in this genome's build
    /// (see <see cref="FindPosition"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The position's build differs from <see cref="Build"/>, or is unknown.</exception>
    public SequenceCall? FindSequenceCall(GenomicPosition position)
    {
        if (position.Build == GenomeBuild.Unknown || position.Build != Build)
        {
            throw new ArgumentException($"A {position.Build} position cannot be looked up in a genome of build {Build}.", nameof(position));
        }

        foreach (var call in SequenceCalls)
        {
            if (call.Position == position.Position && call.Chromosome == position.Chromosome)
            {
                return call;
            }
        }

        return null;
    }

    /// <summary>
    /// A copy holding only the rows <paramref name="targets"/> wants (by rsID, or by position in this
    /// genome's build) and the sequence calls at target positions, for keeping a person's genome in
    /// memory between reports at a few kilobytes instead of megabytes. <see cref="Counts"/>,
    /// <see cref="Build"/> and <see cref="Sex"/> still describe the whole file; <see cref="IsComplete"/> is
    /// false, so a site outside the targets reads as "not in the regions read", never as reference.
    /// </summary>
    public Genome Retain(GenomeTargets targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var kept = new List<int>();
        for (var row = 0; row < Count; row++)
        {
            var id = new VariantId(_ids[row]);
            if ((id.Kind == VariantIdKind.RsId && targets.Wants(id.Number))
                || (Build != GenomeBuild.Unknown && targets.Wants(new GenomicPosition(Build, new Chromosome(_chromosomes[row]), _positions[row]))))
            {
                kept.Add(row);
            }
        }

        var rows = new GenomeRows(kept.Count);
        foreach (var row in kept)
        {
            var id = new VariantId(_ids[row]);
            rows.Add(id.Kind == VariantIdKind.Name ? rows.NameId(System.Text.Encoding.ASCII.GetBytes(_names[(int)id.Number])) : id, new Chromosome(_chromosomes[row]), _positions[row], new Genotype(_genotypes[row]));
        }

        rows.SequenceCalls.AddRange(SequenceCalls.Where(c => Build != GenomeBuild.Unknown && targets.Wants(new GenomicPosition(Build, c.Chromosome, c.Position))));
        return new Genome(rows, RsIdIndex.Build(rows.Ids, rows.Count, null), Build, Sex, Counts, isComplete: false);
    }
}
