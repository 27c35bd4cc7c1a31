namespace Decodex.Core.Genomics;

/// <summary>What kind of identifier a row carries.</summary>
public enum VariantIdKind : byte
{
    /// <summary>A dbSNP rsID, held as its number.</summary>
    RsId = 0,

    /// <summary>A vendor-internal id such as 23andMe's <c>i713426</c>, held as its number.</summary>
    Internal = 1,

    /// <summary>No name: the row is identified by chromosome and position (e.g. <c>19:45411941</c>).</summary>
    Position = 2,

    /// <summary>Another name (e.g. <c>AX-12345</c>), kept in the genome's name table.</summary>
    Name = 3,
}
