namespace Decodex.Core.Genomics;

/// <summary>Chromosomal sex inferred from the data; never asked, never assumed.</summary>
public enum Sex
{
    Undetermined,
    Female,
    Male,
}
