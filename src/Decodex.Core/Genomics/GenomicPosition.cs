namespace Decodex.Core.Genomics;

/// <summary>A position with its frame: build, chromosome and 1-based coordinate.</summary>
public readonly record struct GenomicPosition(GenomeBuild Build, Chromosome Chromosome, int Position);
