namespace Decodex.Core.Knowledge;

/// <summary>Age group of a population.</summary>
public enum AgeBand
{
    /// <summary>Any age.</summary>
    Any,
    /// <summary>Children.</summary>
    Child,
    /// <summary>Adolescents.</summary>
    Adolescent,
    /// <summary>Adults.</summary>
    Adult,
    /// <summary>Older adults.</summary>
    OlderAdult,
}
