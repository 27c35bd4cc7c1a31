using System.Globalization;
using System.Text;
using Decodex.Core.Labs;
using Decodex.Testing;

namespace Decodex.Core.Tests.Labs;

/// <summary>Lab files beyond the size or row limits are refused with a code (issue 12, finding 3).</summary>
public sealed class LabReadLimitsTests
{
    private static string Rows(int count) =>
        "date,test,value,unit\n" + string.Concat(Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"{new DateOnly(2000, 1, 1).AddDays(i):yyyy-MM-dd},Creatinine,1.0,mg/dL\n")));

    [Fact]
    public void Read_CsvAtRowLimit_Kept()
    {
        var import = LabImport.Read(Rows(50), "labs.csv", new ReadLimits { MaxLabResults = 50 });

        Assert.False(import.Refused);
        Assert.Equal(50, import.Results.Count);
    }

    [Fact]
    public void Read_CsvBeyondRowLimit_RefusedAtTheRowBeyond()
    {
        var import = LabImport.Read(Rows(5000), "labs.csv", new ReadLimits { MaxLabResults = 50 });

        Assert.True(import.Refused);
        Assert.Empty(import.Results);
        var issue = Assert.Single(import.Issues);
        Assert.Equal((LabIssueCodes.TooManyResults, 52), (issue.Code, issue.Line));
    }

    [Fact]
    public void Read_CsvBeyondDefaultRowLimit_Refused()
    {
        var import = LabImport.Read(Rows(ReadLimits.Default.MaxLabResults + 1), "labs.csv");

        Assert.Equal(LabIssueCodes.TooManyResults, Assert.Single(import.Issues).Code);
    }

    [Fact]
    public void Read_TextBeyondSizeLimit_RefusedBeforeParsing()
    {
        var limits = new ReadLimits { MaxLabFileBytes = 1000 };

        var csv = LabImport.Read(Rows(100), "labs.csv", limits);
        var json = LabImport.Read(Encoding.UTF8.GetBytes("{\"resourceType\":\"Bundle\"," + new string(' ', 2000) + "}"), "b.json", limits);

        Assert.Equal(LabIssueCodes.FileTooLarge, Assert.Single(csv.Issues).Code);
        Assert.Equal(LabIssueCodes.FileTooLarge, Assert.Single(json.Issues).Code);
    }

    [Fact]
    public void ReadFile_FileBeyondSizeLimit_RefusedWithoutReadingIt()
    {
        using var folder = new TempFolder();
        var path = Path.Combine(folder.Path, "big.csv");
        File.WriteAllText(path, Rows(2000));

        var import = LabImport.ReadFile(path, "big.csv", new ReadLimits { MaxLabFileBytes = 4096 });

        Assert.True(import.Refused);
        Assert.Equal(LabIssueCodes.FileTooLarge, Assert.Single(import.Issues).Code);
    }

    [Fact]
    public void ReadFile_EndlessDevice_RefusedAtTheSizeLimit()
    {
        Assert.SkipUnless(File.Exists("/dev/zero"), "no /dev/zero on this system");

        // A device reports length 0 and never ends: the read must stop at the limit, not run out of memory.
        var import = LabImport.ReadFile("/dev/zero", "zero.csv", new ReadLimits { MaxLabFileBytes = 1 << 20 });

        Assert.Equal(LabIssueCodes.FileTooLarge, Assert.Single(import.Issues).Code);
    }
}
