using System.Globalization;
using Decodex.Core.Genomics;
using Decodex.Core.Pgx;
using Decodex.Core.Pgx.Calling;

namespace Decodex.Core.Tests.Pgx;

/// <summary>
/// Agreement with PharmCAT's own matcher tests: every VCF in <c>../shared/data/pgx/pharmcat-tests</c>
/// is called and compared with the diplotypes PharmCAT's JUnit tests expect for it (all matches, not
/// only the top-scoring ones, as those tests run the matcher). The expected lists are written here
/// from <c>NamedAlleleMatcher{Cyp3a5,Ifnl3,Tpmt,Ugt1a1,Vkorc1}Test.java</c> and
/// <c>NamedAlleleMatcherCyp2c19Test.java</c> (PharmCAT 3.x), with allele names as the shipped
/// definitions write them. Files that lack defining positions are compared separately: there Decodex
/// lists more diplotypes than PharmCAT on purpose, because a missing position is unknown, not reference.
/// </summary>
public sealed class PharmCatTestVcfTests
{
    /// <summary>File → gene and PharmCAT's expected diplotypes (empty: PharmCAT makes no call).</summary>
    internal static readonly (string File, string Gene, string[] Diplotypes)[] Expectations =
    [
        ("CYP2C19_s4bs17rs28399504missing_file.vcf", "CYP2C19", ["*4/*4", "*4/*17", "*17/*17"]),
        ("CYP3A5_s1s1rs776746missing.vcf", "CYP3A5", ["*1/*1"]),
        ("CYP3A5_s1s7_insertion.vcf", "CYP3A5", ["*1/*7"]),
        ("CYP3A5_s1s7missing.vcf", "CYP3A5", ["*1/*1"]),
        ("CYP3A5_s3s9.vcf", "CYP3A5", ["*3/*9"]),
        ("CYP3A5_s3s9_homozygous.vcf", "CYP3A5", ["*3/*9"]),
        ("IFNL3_CC.vcf", "IFNL3", ["rs12979860 reference (C)/rs12979860 reference (C)"]),
        ("IFNL3_CT.vcf", "IFNL3", ["rs12979860 reference (C)/rs12979860 variant (T)"]),
        ("IFNL3_TT.vcf", "IFNL3", ["rs12979860 variant (T)/rs12979860 variant (T)"]),
        ("TPMT_s16s22.vcf", "TPMT", ["*16/*22"]),
        ("TPMT_s1s1.vcf", "TPMT", ["*1/*1"]),
        ("TPMT_s1s1s.vcf", "TPMT", ["*1/*1"]),
        ("TPMT_s1ss1ss3.vcf", "TPMT", ["*1/*3A", "*3B/*3C"]),
        ("TPMT_s3as3b.vcf", "TPMT", ["*3A/*3B"]),
        ("TPMT_s3bs3c.vcf", "TPMT", ["*1/*3A", "*3B/*3C"]),
        ("UGT1A1_HG00436_phased_nocall.vcf", "UGT1A1", []),
        ("UGT1A1_s1s1.vcf", "UGT1A1", ["*1/*1"]),
        ("UGT1A1_s1s28s60s80unphased.vcf", "UGT1A1", ["*1/*80+*28", "*28/*80"]),
        ("UGT1A1_s1s37s80s60phased.vcf", "UGT1A1", ["*1/*80+*37"]),
        ("UGT1A1_s1s60s80phased.vcf", "UGT1A1", ["*1/*80"]),
        ("UGT1A1_s1s60s80unphased.vcf", "UGT1A1", ["*1/*80"]),
        ("UGT1A1_s28s37.vcf", "UGT1A1", ["*28/*37"]),
        ("UGT1A1_s28s80phased.vcf", "UGT1A1", ["*1/*80+*28"]),
        ("UGT1A1_s28s80s6s60phased.vcf", "UGT1A1", ["*6/*80+*28"]),
        ("UGT1A1_s28s80s6s60unphased.vcf", "UGT1A1", ["*6/*80+*28"]),
        ("UGT1A1_s28s80unphased.vcf", "UGT1A1", ["*1/*80+*28", "*28/*80"]),
        ("UGT1A1_s6s6.vcf", "UGT1A1", ["*6/*6"]),
        ("UGT1A1_s6s60s80s28missingunphased.vcf", "UGT1A1", ["*6/*80", "*6/*80+*28", "*6/*80+*37"]),
        ("VKORC1_AA.vcf", "VKORC1", ["rs9923231 variant (T)/rs9923231 variant (T)"]),
        ("VKORC1_GA.vcf", "VKORC1", ["rs9923231 reference (C)/rs9923231 variant (T)"]),
        ("VKORC1_GG.vcf", "VKORC1", ["rs9923231 reference (C)/rs9923231 reference (C)"]),
    ];

    private static string Folder => Path.Combine(SharedPgx.Folder, "pharmcat-tests");

    private static PgxGeneCall Call(string file, string gene)
    {
        var data = PgxDataLoader.LoadEmbedded();
        var read = GenomeReader.ReadFile(Path.Combine(Folder, file), new GenomeReadOptions { Targets = data.GenomeTargets() });
        Assert.NotNull(read.Genome);
        return PgxCaller.Call(data.FindGene(gene)!, read.Genome);
    }

    [Fact]
    public void EveryTestVcf_HasAnExpectation()
    {
        Assert.SkipUnless(Directory.Exists(Folder), "the shared PGx data (../shared/data/pgx) is not beside the repository");
        var listed = Expectations.Select(row => row.File).Order(StringComparer.Ordinal);
        var files = Directory.GetFiles(Folder, "*.vcf").Select(Path.GetFileName).Order(StringComparer.Ordinal);

        Assert.Equal(files, listed);
    }

    [Fact]
    public void FullCoverageVcfs_AgreeWithPharmCat()
    {
        Assert.SkipUnless(Directory.Exists(Folder), "the shared PGx data (../shared/data/pgx) is not beside the repository");
        var compared = 0;
        var differences = new List<string>();
        foreach (var (file, gene, expected) in Expectations)
        {
            var call = Call(file, gene);
            if (call.PositionsRead != call.PositionsRequired)
            {
                continue;
            }

            compared++;
            if (!expected.Order(StringComparer.Ordinal).SequenceEqual(call.Diplotypes.Order(StringComparer.Ordinal)))
            {
                differences.Add($"{file}: PharmCAT [{string.Join(", ", expected)}], Decodex [{string.Join(", ", call.Diplotypes)}]");
            }
        }

        var agreed = compared - differences.Count;
        Assert.Equal(21, compared);
        Assert.True(agreed * 100 >= compared * 99, string.Create(CultureInfo.InvariantCulture, $"{agreed}/{compared} agree; differences:\n{string.Join("\n", differences)}"));
    }

    [Fact]
    public void VcfsWithMissingPositions_ListEveryDiplotypePharmCatCalls()
    {
        // PharmCAT drops alleles defined at missing positions (reading them as reference); Decodex keeps
        // them, so its list may be longer but must never leave out a diplotype PharmCAT calls.
        Assert.SkipUnless(Directory.Exists(Folder), "the shared PGx data (../shared/data/pgx) is not beside the repository");
        var compared = 0;
        var differences = new List<string>();
        foreach (var (file, gene, expected) in Expectations)
        {
            var call = Call(file, gene);
            if (call.PositionsRead == call.PositionsRequired)
            {
                continue;
            }

            compared++;
            Assert.NotEqual(PgxCallStatus.Called, call.Status);
            if (call.DiplotypeCount > PgxGeneCall.MaxListedDiplotypes || expected.Except(call.Diplotypes, StringComparer.Ordinal).Any())
            {
                differences.Add($"{file}: PharmCAT [{string.Join(", ", expected)}] not all among Decodex's {call.DiplotypeCount}");
            }
        }

        Assert.Equal(10, compared);
        Assert.Empty(differences);
    }
}
