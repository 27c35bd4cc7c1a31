namespace Decodex.Core.Knowledge;

/// <summary>A variant and the plus-strand allele that marks carriers (e.g. rs429358 C).</summary>
public sealed record VariantAllele(string RsId, string Allele);
