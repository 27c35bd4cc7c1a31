namespace Decodex.Core.Labs;

/// <summary>How a reported value relates to the number: exact, or censored at a detection limit.</summary>
public enum LabComparator
{
    Equal,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
}

/// <summary>A number as reported, with its censoring comparator (<c>&lt;5</c>).</summary>
public readonly record struct LabValue(decimal Number, LabComparator Comparator = LabComparator.Equal)
{
    public bool IsCensored => Comparator != LabComparator.Equal;

    /// <inheritdoc />
    public override string ToString() => Comparator switch
    {
        LabComparator.LessThan => "<",
        LabComparator.LessOrEqual => "≤",
        LabComparator.GreaterThan => ">",
        LabComparator.GreaterOrEqual => "≥",
        _ => string.Empty,
    } + Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
