using System.Globalization;
using System.Text;
using System.Text.Json;
using Decodex.Core.Genomics;
using Decodex.Core.Monographs;
using Decodex.Core.Pgx;
using Decodex.Core.Reports;
using Decodex.Testing;

namespace Decodex.Core.Tests.Reports;

/// <summary>
/// What a server keeps of a DNA file between reports (<see cref="GenomeFindings"/>): only the rows a
/// report reads, with the same report as the whole genome gives and no site outside them read as known.
/// </summary>
public sealed class GenomeFindingsTests
{
    private static readonly DateOnly AsOf = new(2026, 12, 1);

    /// <summary>The sample person's DNA file with <paramref name="filler"/> unrelated rows added, as in a real array.</summary>
    private static byte[] SampleGenomeWithFiller(int filler)
    {
        var text = new StringBuilder(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "samples", "genome_23andme_synthetic.txt")));
        for (var i = 0; i < filler; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"rs{900_000_000 + i}\t{1 + (i % 22)}\t{200_000_000 + i}\tAG\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    [Fact]
    public void Findings_KeepOnlyTheTargetRows_AndGiveTheSameReportAsTheWholeGenome()
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var (profile, _) = ProfileLoader.Load(Path.Combine(RepositoryPaths.Root, "samples", "profile.yaml"), kb);
        var bytes = SampleGenomeWithFiller(50_000);
        var targets = ReportInputs.Targets(kb, pgx);
        var read = GenomeReader.Read(new MemoryStream(bytes), new GenomeReadOptions { Targets = targets });
        var whole = read.Genome!;

        var findings = GenomeFindings.From(read, "dna.txt", targets, pgx);
        var kept = ReportInputs.Combine(profile!, kb, findings, []) with { AsOf = AsOf };
        var full = kept with { Genome = whole };

        Assert.True(whole.Count > 50_000);
        Assert.InRange(findings.Genome!.Count, 1, 1_000);
        Assert.False(findings.Genome.IsComplete);
        Assert.Equal(whole.Counts, findings.Genome.Counts);
        Assert.Equal(whole.Build, findings.Genome.Build);
        Assert.Equal(whole.Sex, findings.Genome.Sex);
        Assert.Equal(-1, findings.Genome.FindRsId(900_000_001));
        Assert.Equal(Json(ReportEngine.Build(kb, pgx, full, [])), Json(ReportEngine.Build(kb, pgx, kept, [])));
    }

    [Fact]
    public void Retain_KeepsRowsByRsIdOrPosition_AndTheWholeFilesFigures()
    {
        var read = GenomeReader.Read(new MemoryStream(SampleGenomeWithFiller(1_000)), new GenomeReadOptions());
        var genome = read.Genome!;
        var byPosition = new GenomicPosition(genome.Build, new Chromosome(2), 200_000_001);

        var kept = genome.Retain(new GenomeTargets([429358], [byPosition]));

        Assert.Equal(2, kept.Count);
        Assert.Equal(genome.Genotype(genome.FindRsId(429358)), kept.Genotype(kept.FindRsId(429358)));
        Assert.Equal(genome.Genotype(genome.FindPosition(byPosition)), kept.Genotype(kept.FindPosition(byPosition)));
        Assert.Equal(-1, kept.FindRsId(7412));
        Assert.Equal(genome.Counts, kept.Counts);
        Assert.False(kept.IsComplete);
    }

    [Fact]
    public void Targets_HoldEveryPharmacogenePositionAndEveryModifierRsId()
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();

        var targets = ReportInputs.Targets(kb, pgx);

        var modifierRsIds = kb.Compounds.SelectMany(c => c.Modifiers).SelectMany(m => m.Factor.Variants).Select(v => VariantId.ParseRsId(v.RsId).Number).ToList();
        Assert.NotEmpty(modifierRsIds);
        Assert.All(modifierRsIds, rs => Assert.True(targets.Wants(rs), $"rs{rs}"));
        Assert.All(pgx.GenomeTargets().Positions, p => Assert.True(targets.Wants(p), p.ToString()));
        Assert.All(pgx.GenomeTargets().RsIds, rs => Assert.True(targets.Wants(rs), $"rs{rs}"));
    }

    [Fact]
    public void Findings_OfARefusedFile_AreAnIssueNamingIt()
    {
        var kb = ShippedKnowledge.Base;
        var pgx = PgxDataLoader.LoadEmbedded();
        var targets = ReportInputs.Targets(kb, pgx);

        var findings = GenomeFindings.From(GenomeReader.Read(new MemoryStream("not a genome"u8.ToArray()), new GenomeReadOptions()), "my dna.txt", targets, pgx);

        Assert.Null(findings.Genome);
        var issue = Assert.Single(findings.Issues);
        Assert.Equal(ReportIssueCodes.UnusableFile, issue.Code);
        Assert.Equal("my dna.txt", issue.File);
    }

    private static string Json(PersonalReport report) => JsonSerializer.Serialize(report, MonographJson.CreateOptions(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver()));
}
