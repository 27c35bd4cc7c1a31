using Decodex.Core.Reports;

namespace Decodex.Core.Tests.Pgx;

/// <summary>The profile's optional <c>ancestry:</c> key: a CPIC biogeographic group, or a coded notice listing them.</summary>
public sealed class PgxAncestryProfileTests
{
    [Theory]
    [InlineData("ancestry: European\n", "European")]
    [InlineData("ancestry: east asian\n", "East Asian")]
    [InlineData("biogeographicGroup: Latino\n", "Latino")]
    [InlineData("sex: female\n", null)]
    public void Ancestry_IsReadAsACpicGroup(string yaml, string? expected)
    {
        var (profile, issues) = ProfileLoader.Parse(yaml, "profile.yaml", ShippedKnowledge.Base, findFile: _ => null);

        Assert.NotNull(profile);
        Assert.Equal(expected, profile.Ancestry);
        Assert.DoesNotContain(issues, i => i.Code == ReportIssueCodes.UnknownAncestry);
    }

    [Fact]
    public void UnknownAncestry_IsANoticeListingTheGroups_AndIsNotUsed()
    {
        var (profile, issues) = ProfileLoader.Parse("ancestry: Europian\n", "profile.yaml", ShippedKnowledge.Base, findFile: _ => null);

        Assert.NotNull(profile);
        Assert.Null(profile.Ancestry);
        var issue = Assert.Single(issues, i => i.Code == ReportIssueCodes.UnknownAncestry);
        Assert.Contains("Sub-Saharan African", issue.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Europian", issue.Message, StringComparison.Ordinal);
        var notice = Assert.Single(profile.Notices, n => n.Field == "ancestry");
        Assert.Contains("European", notice.Suggestions);
    }
}
