namespace Decodex.Core.Genomics;

/// <summary>
/// The variants Decodex needs from a large file: rsIDs, and positions per build. A streamed VCF keeps
/// only rows matching these; an indexed VCF reads only regions around them.
/// </summary>
public sealed class GenomeTargets
{
    private readonly HashSet<ulong> _rsIds;
    private readonly Dictionary<GenomeBuild, HashSet<ulong>> _positions;

    public GenomeTargets(IEnumerable<ulong> rsIds, IEnumerable<GenomicPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(rsIds);
        ArgumentNullException.ThrowIfNull(positions);
        _rsIds = [.. rsIds];
        _positions = positions.GroupBy(p => p.Build).ToDictionary(g => g.Key, g => g.Select(p => Key(p.Chromosome, p.Position)).ToHashSet());
        Positions = positions.ToArray();
    }

    /// <summary>Build markers and APOE (rs429358, rs7412). Pharmacogene positions are added by the PGx data.</summary>
    public static GenomeTargets Default { get; } = FromMarkers([]);

    public IReadOnlyList<GenomicPosition> Positions { get; }

    public IReadOnlyCollection<ulong> RsIds => _rsIds;

    /// <summary>The markers and APOE, plus <paramref name="extra"/> positions.</summary>
    public static GenomeTargets FromMarkers(IEnumerable<GenomicPosition> extra)
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

        return new GenomeTargets(BuildMarkers.All.Select(m => m.RsId), positions);
    }

    public bool Wants(ulong rsNumber) => _rsIds.Contains(rsNumber);

    /// <summary>Whether the position is a target in any build (the build of a streamed file is decided afterwards).</summary>
    public bool Wants(Chromosome chromosome, int position)
    {
        var key = Key(chromosome, position);
        foreach (var set in _positions.Values)
        {
            if (set.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    private static ulong Key(Chromosome c, int position) => ((ulong)c.Code << 32) | (uint)position;
}
