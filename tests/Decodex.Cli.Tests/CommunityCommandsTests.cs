using System.Security.Cryptography;
using System.Text.Json;
using Decodex.Core.Community;

namespace Decodex.Cli.Tests;

/// <summary><c>decodex community pool</c> and <c>decodex community verify</c>: results, JSON names, coded refusals.</summary>
public sealed class CommunityCommandsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("decodex-community-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Pool_GivesTheModelsResult_AsTextAndJson()
    {
        var path = Write("effects.csv", "person,effect,standard_error\n1,0.6,0.25\n2,0.1,0.3\n3,0.45,0.2\n4,-0.2,0.35\n5,0.9,0.4\n");
        var expected = PooledSelfExperiments.Pool([new(0.6, 0.25), new(0.1, 0.3), new(0.45, 0.2), new(-0.2, 0.35), new(0.9, 0.4)])!;

        var text = CliRun.Of("community", "pool", path);
        Assert.Equal(0, text.ExitCode);
        Assert.Contains("Pooled self-experiments (5 people)", text.Output, StringComparison.Ordinal);

        var json = CliRun.Of("community", "pool", path, "--json");
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(5, doc.RootElement.GetProperty("people").GetInt32());
        Assert.Equal(expected.Average.Estimate, doc.RootElement.GetProperty("average").GetProperty("estimate").GetDouble(), 10);
        Assert.Equal(expected.ProbabilityNewPersonBenefits, doc.RootElement.GetProperty("probabilityNewPersonBenefits").GetDouble(), 10);
        Assert.True(doc.RootElement.GetProperty("spread").TryGetProperty("upper", out _));
    }

    [Theory]
    [InlineData("effect,se\n0.1,0.2\n", "COMM001", ":1:")]
    [InlineData("effect,standard_error\n0.1,0.2\n0.3,SECRET\n", "COMM002", ":3:")]
    [InlineData("effect,standard_error\n0.1,0\n", "COMM002", ":2:")]
    [InlineData("effect,standard_error\nNaN,0.2\n", "COMM002", ":2:")]
    [InlineData("effect,standard_error\n0.1,0.2,9\n", "COMM002", ":2:")]
    [InlineData("effect,standard_error\n0.1,0.2\n0.3,0.2\n", "COMM004", "")]
    public void Pool_BadFiles_AreRefusedWithACodeAndALine(string content, string code, string line)
    {
        var run = CliRun.Of("community", "pool", Write("bad.csv", content));
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(code, run.Error, StringComparison.Ordinal);
        Assert.Contains(line, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ABundle_AndRefusesATamperedOne()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var content = new CommunityBundleContent(CommunityBundle.Format, new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), [],
            [new("caffeine", "focus", Decodex.Core.Trials.OutcomeKind.Rating, true, 40, 0.8, 0.3, new string('a', 64))]);
        var bytes = CommunityBundle.Sign(content, key);
        var path = Path.Combine(_folder, "bundle.json");
        File.WriteAllBytes(path, bytes);

        var run = CliRun.Of("community", "verify", path, "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Output);
        Assert.Equal(1, doc.RootElement.GetProperty("trials").GetInt32());
        Assert.Equal(0, doc.RootElement.GetProperty("reports").GetInt32());
        Assert.Equal(16, doc.RootElement.GetProperty("keyFingerprint").GetString()!.Length);

        var text = System.Text.Encoding.UTF8.GetString(bytes);
        var at = text.IndexOf("\"signature\":\"", StringComparison.Ordinal) + 14;
        File.WriteAllText(path, text[..at] + (text[at] == 'A' ? 'B' : 'A') + text[(at + 1)..]);
        var tampered = CliRun.Of("community", "verify", path);
        Assert.Equal(2, tampered.ExitCode);
        Assert.StartsWith("COMM011", tampered.Error, StringComparison.Ordinal);
    }
}
