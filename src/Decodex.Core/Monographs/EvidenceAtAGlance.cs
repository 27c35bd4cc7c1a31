using Decodex.Core.Knowledge;

namespace Decodex.Core.Monographs;

/// <summary>
/// The order of the "Evidence at a glance" table: outcomes in people first, best grade first; then
/// what a label states about people; then animal and cell outcomes, best preclinical grade first; then
/// the claims about how it is said to work, in the order the file gives them. Grades on different
/// scales are never compared with each other; equal rows keep the file's order.
/// </summary>
public static class EvidenceAtAGlance
{
    private const int HumanOutcome = 0;
    private const int LabelOutcome = 1;
    private const int PreclinicalOutcome = 2;
    private const int Mechanism = 3;

    /// <summary>The claims of <paramref name="compound"/> in table order.</summary>
    public static IReadOnlyList<Claim> Rows(Compound compound)
    {
        ArgumentNullException.ThrowIfNull(compound);
        return [.. compound.Claims.OrderBy(Group).ThenBy(c => Group(c) is HumanOutcome or PreclinicalOutcome ? (int)c.Grade.Level : 0)];
    }

    private static int Group(Claim claim) => (claim.Section, claim.Scope) switch
    {
        (ClaimSection.Effect, EvidenceScope.Human) => HumanOutcome,
        (ClaimSection.Effect, EvidenceScope.Label) => LabelOutcome,
        (ClaimSection.Effect, _) => PreclinicalOutcome,
        _ => Mechanism,
    };
}
