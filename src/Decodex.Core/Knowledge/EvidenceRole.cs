namespace Decodex.Core.Knowledge;

/// <summary>How an evidence item bears on its claim.</summary>
public enum EvidenceRole
{
    /// <summary>The study found the effect the claim states.</summary>
    Supports,
    /// <summary>The study found the opposite.</summary>
    Refutes,
    /// <summary>The study found no difference.</summary>
    Null,
}
