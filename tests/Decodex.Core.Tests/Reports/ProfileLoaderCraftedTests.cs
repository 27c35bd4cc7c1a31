using Decodex.Core.Reports;

namespace Decodex.Core.Tests.Reports;

/// <summary>Crafted profile YAML becomes a coded issue, never an exception (issue 12, finding 5 sweep).</summary>
public sealed class ProfileLoaderCraftedTests
{
    public static TheoryData<string> Crafted => new()
    {
        new string('[', 20_000),
        "conditions: " + new string('[', 5_000) + new string(']', 5_000) + "\n",
        "a: &a [x, y]\nconditions: *a\nmedications: *a\n",
        "conditions: *missing\n",
        "? [a, b]\n: c\n",
        "sex: !!binary AAAA\n",
        "birthDate: 99999-99-99\n",
        "birthDate: 1e400\n",
        "conditions: {a: 1}\n",
        "%YAML 9.9\n---\nsex: male\n",
        "sex: male\n---\nsex: female\n",
        "\t\u0000\u0001",
        "medications: [\"\\uD800\"]\n",
        "genome: /dev/zero\n",
        "labs: [\"../../../../etc/passwd\"]\n",
    };

    [Theory]
    [MemberData(nameof(Crafted))]
    public void Parse_CraftedYaml_IssuesNotExceptions(string yaml)
    {
        var (profile, issues) = ProfileLoader.Parse(yaml, "profile.yaml", ShippedKnowledge.Base, findFile: _ => null);

        Assert.True(profile is not null || issues.Any(i => i.Severity == IssueSeverity.Error));
        Assert.All(issues, i => Assert.False(string.IsNullOrEmpty(i.Code)));
    }

    [Fact]
    public void Load_EndlessFile_RefusedWithoutReadingItAll()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero on this system");

        var (profile, issues) = ProfileLoader.Load("/dev/zero", ShippedKnowledge.Base);

        Assert.Null(profile);
        Assert.Equal(ReportIssueCodes.UnreadableProfile, Assert.Single(issues).Code);
    }
}
