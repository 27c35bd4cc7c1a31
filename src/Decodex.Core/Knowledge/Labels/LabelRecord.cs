namespace Decodex.Core.Knowledge.Labels;

/// <summary>The US product label an imported entry was made from, as openFDA identifies it.</summary>
public sealed record LabelRecord
{
    /// <summary>The SPL set id (stable across versions).</summary>
    public required string SetId { get; init; }

    /// <summary>The SPL version number.</summary>
    public required string Version { get; init; }

    /// <summary>The label's effective date, <c>yyyyMMdd</c> as openFDA gives it.</summary>
    public required string EffectiveTime { get; init; }

    /// <summary>The FDA application (NDA, ANDA, BLA) when openFDA gives one.</summary>
    public string? ApplicationNumber { get; init; }

    /// <summary>Base generic names of the active ingredients, lower case ("sertraline").</summary>
    public IReadOnlyList<string> Ingredients { get; init; } = [];

    /// <summary>The citation id that stands for this label.</summary>
    public required string CitationId { get; init; }

    /// <summary>Passages the importer could not turn into an item (a contraindication naming nothing it knows, …).</summary>
    public IReadOnlyList<LabelUnmapped> Unmapped { get; init; } = [];

    /// <summary>The effective date as <c>yyyy-MM-dd</c>.</summary>
    public string Date => EffectiveTime.Length == 8 ? $"{EffectiveTime[..4]}-{EffectiveTime[4..6]}-{EffectiveTime[6..]}" : EffectiveTime;

    /// <summary>The label on DailyMed.</summary>
    public string Url => $"https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid={SetId}";
}

/// <summary>A label passage that needs a curator: what kind of statement it looked like and why it was not mapped.</summary>
public sealed record LabelUnmapped(string Kind, string Reason, LabelPassage Passage);
