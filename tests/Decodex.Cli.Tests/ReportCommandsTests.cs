using System.Text.Json;
using Decodex.Testing;

namespace Decodex.Cli.Tests;

public sealed class ReportCommandsTests
{
    private static string Profile => Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml");

    [Fact]
    public void Report_Json_SampleProfile_AvoidsCerebrolysinWithDocumentedNames()
    {
        var run = CliRun.Of("report", Profile, "--compound", "cerebrolysin", "--format", "json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        foreach (var name in new[] { "disclaimer", "knowledgeBaseVersion", "cpicDataVersion", "person", "onFile", "compounds", "medications", "issues" })
        {
            Assert.True(root.TryGetProperty(name, out _), name);
        }

        var compound = root.GetProperty("compounds")[0];
        Assert.Equal("avoid", compound.GetProperty("verdict").GetString());
        Assert.All(compound.GetProperty("findings").EnumerateArray(), f =>
        {
            foreach (var name in new[] { "kind", "level", "title", "explanation", "certainty", "inputs", "rule", "citations" })
            {
                Assert.True(f.TryGetProperty(name, out _), name);
            }
        });
    }

    [Fact]
    public void Report_Html_And_Pdf_AreWritten()
    {
        using var folder = new TempFolder();
        var html = Path.Combine(folder.Path, "r.html");
        var pdf = Path.Combine(folder.Path, "r.pdf");

        Assert.Equal(0, CliRun.Of("report", Profile, "--compound", "cerebrolysin", "--out", html, "--knowledge", RepositoryPaths.Knowledge).ExitCode);
        Assert.Equal(0, CliRun.Of("report", Profile, "--compound", "cerebrolysin", "--format", "pdf", "--out", pdf, "--knowledge", RepositoryPaths.Knowledge).ExitCode);

        Assert.Contains("Avoid", File.ReadAllText(html), StringComparison.Ordinal);
        Assert.StartsWith("%PDF", File.ReadAllText(pdf)[..4], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnusableProfile_ExitsTwo()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "p.yaml");
        File.WriteAllText(path, "sex: sometimes\n");

        var run = CliRun.Of("report", path, "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("PRF003", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_UnknownCompound_ExitsTwo()
    {
        var run = CliRun.Of("report", Profile, "--compound", "unobtainium", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(2, run.ExitCode);
    }
}
