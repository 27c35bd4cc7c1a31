namespace Decodex.Core.Pgx.Calling;

/// <summary>
/// A phenotype from the CPIC/PharmCAT maps, with the activity score for genes scored by activity and
/// the key CPIC recommendations are looked up by (the phenotype, or the score for activity genes).
/// </summary>
public sealed record PgxPhenotype(string Phenotype, string? ActivityScore, string LookupKey);
