namespace Decodex.Core.Knowledge;

/// <summary>How carriers of a modifier responded compared with non-carriers.</summary>
public enum CarrierResponse
{
    /// <summary>Carriers did better.</summary>
    Better,
    /// <summary>Carriers did worse.</summary>
    Worse,
    /// <summary>No difference.</summary>
    NoDifference,
}
