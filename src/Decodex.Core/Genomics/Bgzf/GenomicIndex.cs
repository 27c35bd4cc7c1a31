namespace Decodex.Core.Genomics.Bgzf;

/// <summary>Finds and reads the index that sits beside a bgzip-compressed VCF.</summary>
public static class GenomicIndex
{
    /// <summary>
    /// Reads <c>FILE.csi</c> if it exists, otherwise <c>FILE.tbi</c>, where FILE is <paramref name="vcfGzPath"/>.
    /// </summary>
    /// <remarks>
    /// The index is not checked against the data file beyond its format: an index left over from an
    /// earlier version of the file gives chunks that <see cref="BgzfRandomReader"/> may refuse or that
    /// hold the wrong records, so callers still filter records by position. The VCF reader checks the
    /// fit itself (sequence names, <see cref="LastChunkEnd"/> against the end of the data, whole records)
    /// and reads the whole file when it does not fit.
    /// </remarks>
    /// <returns>The index, or <see langword="null"/> when neither file exists.</returns>
    /// <exception cref="ArgumentException"><paramref name="vcfGzPath"/> is null or empty.</exception>
    /// <exception cref="InvalidDataException">The index file exists but is not a valid index.</exception>
    /// <exception cref="IOException">The index file exists but cannot be read.</exception>
    public static IGenomicIndex? Open(string vcfGzPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(vcfGzPath);
        var csi = vcfGzPath + ".csi";
        if (File.Exists(csi))
        {
            using var stream = File.OpenRead(csi);
            return CsiIndex.Read(stream);
        }

        var tbi = vcfGzPath + ".tbi";
        if (File.Exists(tbi))
        {
            using var stream = File.OpenRead(tbi);
            return TabixIndex.Read(stream);
        }

        return null;
    }

    /// <summary>Where the last record the index knows of ends (the largest chunk end over all sequences).</summary>
    /// <exception cref="InvalidDataException">The index data of a sequence is malformed.</exception>
    internal static VirtualOffset LastChunkEnd(IGenomicIndex index) => index switch
    {
        TabixIndex tabix => tabix.LastChunkEnd(),
        CsiIndex csi => csi.LastChunkEnd(),
        _ => default,
    };
}
