using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Core.Tests.Reports;

/// <summary>Report inputs read from memory (the web app's uploads) give what the same files give, and open no path.</summary>
public sealed class ReportInputsMemoryTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    [Fact]
    public void FromMemory_SameAsFromFiles_ForTheSamplePerson()
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);

        var fromFiles = ReportInputs.Load(profile!, kb, pgx) with { AsOf = AsOf };
        var fromMemory = ReportInputs.Load(profile!, kb, pgx, ("my dna.txt", File.ReadAllBytes(profile!.Genome!)), [.. profile.Labs.Select(l => ("my labs.csv", File.ReadAllBytes(l)))]) with { AsOf = AsOf };

        Assert.NotNull(fromMemory.Genome);
        Assert.Equal(fromFiles.GenomeDescription, fromMemory.GenomeDescription);
        Assert.Equal(fromFiles.Apoe?.Genotype, fromMemory.Apoe?.Genotype);
        Assert.Equal(fromFiles.PgxCalls.Select(c => c.ToString()), fromMemory.PgxCalls.Select(c => c.ToString()));
        Assert.Equal(fromFiles.Labs!.Results.Count, fromMemory.Labs!.Results.Count);
        Assert.Equal(
            ReportEngine.Build(kb, pgx, fromFiles).Compounds.Select(c => c.Verdict),
            ReportEngine.Build(kb, pgx, fromMemory).Compounds.Select(c => c.Verdict));
    }

    [Fact]
    public void FromMemory_IgnoresTheProfilesPaths_AndNamesRefusedFilesByTheirLabel()
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);

        var inputs = ReportInputs.Load(profile!, kb, pgx, null, [("/etc/passwd", "not a lab file"u8.ToArray())]);

        Assert.Null(inputs.Genome);
        var issue = Assert.Single(inputs.Issues);
        Assert.Equal(ReportIssueCodes.UnusableFile, issue.Code);
        Assert.Equal("/etc/passwd", issue.File);
        Assert.Empty(inputs.Labs!.Results);
    }
}
