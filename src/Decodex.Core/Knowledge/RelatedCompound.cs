namespace Decodex.Core.Knowledge;

/// <summary>A link from one compound to another.</summary>
public sealed record RelatedCompound(string CompoundId, CompoundRelation Relation, string? Note);
