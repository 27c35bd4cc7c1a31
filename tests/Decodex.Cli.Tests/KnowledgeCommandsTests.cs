using System.Text.Json;
using Decodex.Testing;

namespace Decodex.Cli.Tests;

public sealed class KnowledgeCommandsTests
{
    [Fact]
    public void Validate_ShippedKnowledgeBase_ExitsZero()
    {
        var run = CliRun.Of("kb", "validate", "--dir", RepositoryPaths.Knowledge);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Knowledge base valid", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BrokenBase_ExitsOneWithFileLineAndCode()
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources(compound: KnowledgeFixture.Compound.Replace("outcome: memory", "outcome: nope", StringComparison.Ordinal)));

        var run = CliRun.Of("kb", "validate", "--dir", folder.Path);

        Assert.Equal(1, run.ExitCode);
        var line = KnowledgeFixture.LineOf(KnowledgeFixture.Compound, "outcome: memory");
        Assert.Contains($"compounds/testamine.yaml:{line}: error KB005:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Json_ListsCountsAndIssues()
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources(compound: KnowledgeFixture.Compound.Replace("design: double-blind-rct", "design: dbrct", StringComparison.Ordinal)));

        var run = CliRun.Of("kb", "validate", "--dir", folder.Path, "--json");

        Assert.Equal(1, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("compounds").GetInt32());
        Assert.Equal(1, root.GetProperty("counts").GetProperty("claims").GetInt32());
        Assert.Equal(2, root.GetProperty("counts").GetProperty("citations").GetInt32());
        var issue = Assert.Single(root.GetProperty("issues").EnumerateArray());
        Assert.Equal("KB006", issue.GetProperty("code").GetString());
        Assert.Equal("error", issue.GetProperty("severity").GetString());
        Assert.Equal("compounds/testamine.yaml", issue.GetProperty("file").GetString());
        Assert.Equal(KnowledgeFixture.LineOf(KnowledgeFixture.Compound, "design: double-blind-rct"), issue.GetProperty("line").GetInt32());
    }

    [Fact]
    public void Audit_ShippedStrokeClaim_ShowsSponsorLinksLargestTrialAndSteps()
    {
        var run = CliRun.Of("kb", "audit", "cerebrolysin", "--dir", RepositoryPaths.Knowledge);

        Assert.True(run.ExitCode == 0, run.Output);
        var block = run.Output[run.Output.IndexOf("cerebrolysin-stroke-recovery (", StringComparison.Ordinal)..];
        block = block[..block.IndexOf("\n\n", StringComparison.Ordinal)];
        Assert.Contains("largest trial attached: casta-2012 (1070)", block, StringComparison.Ordinal);
        Assert.Contains("casta-2012 (1070): attached", block, StringComparison.Ordinal);
        Assert.Contains("gharagozli-2017-stroke: author Winter S", block, StringComparison.Ordinal);
        Assert.Contains("- Starts at high", block, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_Json_CommunityOnlySourceListedAndUnknownCompoundExitsTwo()
    {
        var run = CliRun.Of("kb", "audit", "cortexin", "--dir", RepositoryPaths.Knowledge, "--json");

        Assert.True(run.ExitCode == 0, run.Output);
        using var json = JsonDocument.Parse(run.Output);
        var claim = json.RootElement.GetProperty("claims").EnumerateArray().Single(c => c.GetProperty("claimId").GetString() == "cortexin-acute-ischaemic-stroke");
        Assert.Equal("cortexin-repeat-course-reddit", Assert.Single(claim.GetProperty("communityOnly").EnumerateArray()).GetString());
        Assert.Equal(2, CliRun.Of("kb", "audit", "nope", "--dir", RepositoryPaths.Knowledge).ExitCode);
    }

    [Fact]
    public void List_Json_HasTheCompounds()
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources());

        var run = CliRun.Of("kb", "list", "--dir", folder.Path, "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var compound = Assert.Single(json.RootElement.GetProperty("compounds").EnumerateArray());
        Assert.Equal("testamine", compound.GetProperty("id").GetString());
        Assert.Equal(1, compound.GetProperty("claims").GetInt32());
    }

    [Fact]
    public void Show_UnknownId_ExitsTwo()
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources());

        var run = CliRun.Of("kb", "show", "no-such-compound", "--dir", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("no-such-compound", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_InvalidKnowledgeBase_ExitsTwo()
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources(compound: "id: [broken"));

        var run = CliRun.Of("kb", "show", "testamine", "--dir", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("KB001", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_UnknownFormat_ExitsTwo()
    {
        var run = CliRun.Of("kb", "show", "testamine", "--format", "pdf");

        Assert.Equal(2, run.ExitCode);
    }

    [Theory]
    [InlineData("text", "TESTAMINE")]
    [InlineData("html", "<!DOCTYPE html>")]
    [InlineData("json", "\"knowledgeBaseVersion\"")]
    public void Show_EachFormat_WritesIt(string format, string expected)
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources());

        var run = CliRun.Of("kb", "show", "testamine", "--dir", folder.Path, "--format", format);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Show_Out_WritesTheFile()
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources());
        var file = Path.Combine(folder.Path, "page.html");

        var run = CliRun.Of("kb", "show", "testamine", "--dir", folder.Path, "--format", "html", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(file), StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void Show_OutIntoMissingFolder_ExitsTwoWithoutStackTrace()
    {
        using var folder = new TempFolder().WithKnowledge(KnowledgeFixture.Sources());

        var run = CliRun.Of("kb", "show", "testamine", "--dir", folder.Path, "--out", Path.Combine(folder.Path, "no", "such", "dir", "x.txt"));

        Assert.Equal(2, run.ExitCode);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }
}
