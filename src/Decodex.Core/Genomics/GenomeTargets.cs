namespace Decodex.Core.Genomics;

/// <summary>
/// The variants Decodex needs from a large file: rsIDs, and positions per build. A streamed VCF keeps
/// only rows matching these; an indexed VCF reads only regions around them.
/// </summary>
public sealed class GenomeTargets
{
    private readonly HashSet<ulong> _rsIds;
    private readonly Dictionary<GenomeBuild, HashSet<ulong>> _positions;
    private readonly HashSet<ulong> _anyBuild;
    private readonly bool[] _chromosomes = new bool[27];

    // 64k-bit filters in front of the hash sets: a streamed VCF asks about every record, and almost
    // every answer is "no", which the filter gives in one memory read.
    private readonly ulong[] _rsFilter = new ulong[1024];
    private readonly ulong[] _positionFilter = new ulong[1024];

    public GenomeTargets(IEnumerable<ulong> rsIds, IEnumerable<GenomicPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(rsIds);
        ArgumentNullException.ThrowIfNull(positions);
        _rsIds = [.. rsIds];
        Positions = positions.ToArray();
        _positions = Positions.GroupBy(p => p.Build).ToDictionary(g => g.Key, g => g.Select(p => Key(p.Chromosome, p.Position)).ToHashSet());
        _anyBuild = [.. Positions.Select(p => Key(p.Chromosome, p.Position))];
        foreach (var p in Positions)
        {
            _chromosomes[p.Chromosome.Code] = true;
            Set(_positionFilter, (ulong)(uint)p.Position);
        }

        foreach (var rs in _rsIds)
        {
            Set(_rsFilter, rs);
        }
    }

    /// <summary>Build markers and APOE (rs429358, rs7412). For pharmacogenes add <c>PgxData.GenomeTargets()</c>.</summary>
    public static GenomeTargets Default { get; } = FromMarkers([]);

    public IReadOnlyList<GenomicPosition> Positions { get; }

    public IReadOnlyCollection<ulong> RsIds => _rsIds;

    /// <summary>The markers and APOE, plus <paramref name="extra"/> positions.</summary>
    public static GenomeTargets FromMarkers(IEnumerable<GenomicPosition> extra) => FromMarkers(extra, []);

    /// <summary>The markers and APOE, plus <paramref name="extra"/> positions and <paramref name="extraRsIds"/>.</summary>
    public static GenomeTargets FromMarkers(IEnumerable<GenomicPosition> extra, IEnumerable<ulong> extraRsIds)
    {
        var positions = new List<GenomicPosition>(extra);
        foreach (var m in BuildMarkers.All)
        {
            foreach (var build in BuildMarkers.Builds)
            {
                if (m.PositionIn(build) > 0 && m.Chromosome is { } c)
                {
                    positions.Add(new GenomicPosition(build, c, m.PositionIn(build)));
                }
            }
        }

        return new GenomeTargets(BuildMarkers.All.Select(m => m.RsId).Concat(extraRsIds), positions);
    }

    public bool Wants(ulong rsNumber) => Test(_rsFilter, rsNumber) && _rsIds.Contains(rsNumber);

    /// <summary>Whether the position is a target in any build (the build of a streamed file is decided afterwards).</summary>
    public bool Wants(Chromosome chromosome, int position) =>
        _chromosomes[chromosome.Code] && Test(_positionFilter, (ulong)(uint)position) && _anyBuild.Contains(Key(chromosome, position));

    /// <summary>Whether the position is a target in its own build.</summary>
    public bool Wants(GenomicPosition position) =>
        _positions.TryGetValue(position.Build, out var set) && set.Contains(Key(position.Chromosome, position.Position));

    private static ulong Key(Chromosome c, int position) => ((ulong)c.Code << 32) | (uint)position;

    private static int Bit(ulong value) => (int)(((value * 0x9E3779B97F4A7C15UL) >> 48) & 0xFFFF);

    private static void Set(ulong[] filter, ulong value) => filter[Bit(value) >> 6] |= 1UL << (Bit(value) & 63);

    private static bool Test(ulong[] filter, ulong value) => (filter[Bit(value) >> 6] & (1UL << (Bit(value) & 63))) != 0;
}
