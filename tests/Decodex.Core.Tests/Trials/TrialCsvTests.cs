using Decodex.Core.Trials;

namespace Decodex.Core.Tests.Trials;

/// <summary>The long format of <c>decodex trial analyze</c>: every bad row refused with its code and line, nothing kept.</summary>
public sealed class TrialCsvTests
{
    private const string Header = "date,period,condition,outcome,value\n";

    [Fact]
    public void Read_TheDocumentedFormat_InAnyColumnOrder()
    {
        var data = TrialCsv.Read("value,Outcome,CONDITION,period,date,note\n4.5,focus,A,1,2026-01-05,x\n300.25,pvt-rt,b,1,2026-01-06,\n", "t.csv");

        Assert.False(data.Refused);
        Assert.Equal(2, data.Rows.Count);
        Assert.Equal(new TrialRow(new DateOnly(2026, 1, 5), 1, TrialArm.A, "focus", 4.5, 2), data.Rows[0]);
        Assert.Equal(TrialArm.B, data.Rows[1].Arm);
        Assert.Equal(300.25, data.Rows[1].Value);
    }

    [Theory]
    [InlineData("", TrialCsv.NoHeader, null)]
    [InlineData("date,period,condition,outcome\n2026-01-05,1,A,focus\n", TrialCsv.MissingColumn, 1)]
    [InlineData(Header, TrialCsv.NoHeader, 1)]
    [InlineData(Header + "2026-01-05,1,A,focus,4\n05/01/2026,1,A,focus,4\n", TrialCsv.BadDate, 3)]
    [InlineData(Header + "2026-01-05,0,A,focus,4\n", TrialCsv.BadPeriod, 2)]
    [InlineData(Header + "2026-01-05,1.5,A,focus,4\n", TrialCsv.BadPeriod, 2)]
    [InlineData(Header + "2026-01-05,1,placebo,focus,4\n", TrialCsv.BadCondition, 2)]
    [InlineData(Header + "2026-01-05,1,A,,4\n", TrialCsv.BadOutcome, 2)]
    [InlineData(Header + "2026-01-05,1,A,focus,4\n2026-01-06,1,A,focus,4,5\n", TrialCsv.WrongFieldCount, 3)]
    [InlineData(Header + "2026-01-05,1,A,focus,\"4,5\"\n", TrialCsv.BadValue, 2)]
    [InlineData(Header + "2026-01-05,1,A,focus,NaN\n", TrialCsv.BadValue, 2)]
    [InlineData(Header + "2026-01-05,1,A,focus,1e300\n", TrialCsv.BadValue, 2)]
    [InlineData(Header + "2026-01-05,1,A,focus,4\n2026-01-05,1,B,mood,4\n", TrialCsv.Conflict, 3)]
    [InlineData(Header + "2026-01-05,1,A,focus,4\n2026-01-05,2,A,mood,4\n", TrialCsv.Conflict, 3)]
    [InlineData(Header + "2015-01-05,1,A,focus,4\n2026-01-05,2,B,focus,4\n", TrialCsv.SpanTooLong, null)]
    public void Read_ABadFile_IsRefusedWhole_WithItsCodeAndLine(string text, string code, int? line)
    {
        var data = TrialCsv.Read(text, "t.csv");

        Assert.True(data.Refused);
        Assert.Empty(data.Rows);
        var issue = Assert.Single(data.Issues, i => i.Code == code);
        Assert.Equal(line, issue.Line);
        Assert.Equal("t.csv", issue.File);
    }

    [Fact]
    public void ReadFile_ALargerFileIsRefused_BeforeItIsRead()
    {
        var path = Path.GetTempFileName();
        try
        {
            using (var file = File.OpenWrite(path))
            {
                file.SetLength(TrialCsv.MaxBytes + 1);
            }

            Assert.Equal(TrialCsv.TooLarge, Assert.Single(TrialCsv.ReadFile(path, "big.csv").Issues).Code);
            File.WriteAllText(path, Header + "2026-01-05,1,A,focus,4\n");
            Assert.Single(TrialCsv.ReadFile(path, "small.csv").Rows);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_TheBadValueIsNeverRepeatedInTheMessage()
    {
        var data = TrialCsv.Read(Header + "2026-01-05,1,A,focus,secret-7731\n2026-01-06,1,Z-secret,focus,4\n", "t.csv");

        Assert.Equal(2, data.Issues.Count);
        Assert.All(data.Issues, i => Assert.DoesNotContain("secret", i.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_TooManyRowsOrOutcomes_IsRefused_WithoutHoldingThemAll()
    {
        var rows = string.Concat(Enumerable.Range(0, TrialCsv.MaxRows + 5).Select(i => $"2026-01-05,1,A,focus,{i}\n"));
        Assert.Equal(TrialCsv.TooLarge, Assert.Single(TrialCsv.Read(Header + rows, "t.csv").Issues).Code);

        var outcomes = string.Concat(Enumerable.Range(0, TrialCsv.MaxOutcomes + 1).Select(i => $"2026-01-05,1,A,o{i},1\n"));
        var refused = TrialCsv.Read(Header + outcomes, "t.csv");
        Assert.Equal(TrialCsv.TooLarge, Assert.Single(refused.Issues).Code);
        Assert.Empty(refused.Rows);
    }
}
