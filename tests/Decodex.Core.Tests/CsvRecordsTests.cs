namespace Decodex.Core.Tests;

public sealed class CsvRecordsTests
{
    [Fact]
    public void Parse_QuotesSeparatorsAndLineBreaksInsideQuotes_KeepTheirLines()
    {
        const string text = "\uFEFFa,b\r\n\"x, \"\"y\"\"\",2\n\n\"multi\nline\",3\nlast,4";

        var records = CsvRecords.Parse(text);

        Assert.Equal([1, 2, 4, 6], records.Select(r => r.Line));
        Assert.Equal(["x, \"y\"", "2"], records[1].Fields);
        Assert.Equal(["multi\nline", "3"], records[2].Fields);
        Assert.Equal(["last", "4"], records[3].Fields);
    }

    [Fact]
    public void Parse_Semicolons_KeepDecimalCommasInsideQuotes()
    {
        var records = CsvRecords.Parse("date;value\n2024-01-01;\"5,4\"\n", ';');

        Assert.Equal(["2024-01-01", "5,4"], records[1].Fields);
    }
}
