using System.Text.Json;
using Decodex.Testing;

namespace Decodex.Cli.Tests;

/// <summary>
/// Every command that reads a DNA or lab file refuses bombs and crafted files with a coded issue and
/// exit code 2, never a stack trace or an out-of-memory abort (issue 12, findings 2, 3 and 5).
/// </summary>
public sealed class ReadLimitsCommandsTests
{
    private const string Secret = "SECRET-VALUE-7391";

    [Fact]
    public void GenomeInspect_GzipBomb_RefusedWithCode()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "genome.txt.gz");
        File.WriteAllBytes(path, Bombs.GzipRows(1000));

        var run = CliRun.Of("genome", "inspect", path, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["GEN027"], Codes(run.Output));
    }

    [Fact]
    public void GenomeInspect_NestedContainers_RefusedWithCode()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "genome.zip");
        File.WriteAllBytes(path, Bombs.Nested(50));

        var run = CliRun.Of("genome", "inspect", path, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(["GEN028"], Codes(run.Output));
    }

    [Fact]
    public void Pgx_GzipBomb_RefusedWithCode()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "genome.txt.gz");
        File.WriteAllBytes(path, Bombs.GzipRows(1000));

        var run = CliRun.Of("pgx", path, "--drug", "escitalopram", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("GEN027", run.Output + run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"resourceType\":\"Observation\",\"\":1}", "LAB001")]
    [InlineData("1e400", "LAB004")]
    [InlineData("-1e400", "LAB004")]
    [InlineData("\"" + Secret + "\"", "LAB004")]
    public void LabsInspect_CraftedFhir_ExitsTwoWithCodeAndNoTrace(string valueOrDocument, string code)
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "labs.json");
        File.WriteAllText(path, valueOrDocument.StartsWith('{') ? valueOrDocument : Observation(valueOrDocument));

        var run = CliRun.Of("labs", "inspect", path, "--json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(code, Codes(run.Output));
        Assert.DoesNotContain(Secret, run.Output + run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void LabsInspect_EndlessInput_RefusedAtTheSizeLimit()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero on this system");

        var run = CliRun.Of("labs", "inspect", "/dev/zero", "--json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("LAB017", Codes(run.Output));
    }

    [Fact]
    public void Report_BombAndCraftedLabs_ReportedAsUnusableNotCrashed()
    {
        using var folder = new TempFolder();
        File.WriteAllBytes(Path.Combine(folder.Path, "genome.txt.gz"), Bombs.GzipRows(1000));
        File.WriteAllText(Path.Combine(folder.Path, "labs.json"), Observation("1e400"));
        var profile = Path.Combine(folder.Path, "profile.yaml");
        File.WriteAllText(profile, "sex: male\ngenome: genome.txt.gz\nlabs: [labs.json]\n");

        var run = CliRun.Of("report", profile, "--compound", "cerebrolysin", "--format", "json", "--knowledge", RepositoryPaths.Knowledge);

        Assert.InRange(run.ExitCode, 0, 1);
        Assert.Contains("DNA file was refused", run.Output + run.Error, StringComparison.Ordinal);
        Assert.Contains("lab file was refused", run.Output + run.Error, StringComparison.Ordinal);
    }

    private static List<string> Codes(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("issues").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).Distinct()];
    }

    private static string Observation(string value) =>
        "{\"resourceType\":\"Observation\",\"id\":\"o1\",\"status\":\"final\",\"category\":[{\"coding\":[{\"code\":\"laboratory\"}]}],\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2160-0\"}]},\"effectiveDateTime\":\"2024-01-01\",\"valueQuantity\":{\"value\":" + value + ",\"unit\":\"mg/dL\"}}";
}
