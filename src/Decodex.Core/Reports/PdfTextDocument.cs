using System.Text;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Decodex.Core.Reports;

/// <summary>
/// A PDF of flowing text on A4 pages (DejaVu Sans embedded, so ε, ≥, µ and dashes print as
/// themselves): paragraphs wrapped by the font's own widths, a hanging label for numbered references,
/// and a footer line on every page. The personal report and the trial report are written with it.
/// </summary>
internal sealed class PdfTextDocument : IDisposable
{
    private const double PageWidth = 595;
    private const double Margin = 50;
    private const double Top = 800;
    private const double Bottom = 70;

    /// <summary>The width of the text column in points.</summary>
    public const double TextWidth = PageWidth - (2 * Margin);

    private readonly PdfDocumentBuilder _builder = new();
    private readonly Face _regular;
    private readonly Face _bold;
    private readonly string _footer;
    private PdfPageBuilder? _page;
    private double _y;

    public PdfTextDocument(string footer)
    {
        _footer = footer;
        _regular = new Face(_builder, ReportFont.Regular);
        _bold = new Face(_builder, ReportFont.Bold);
    }

    /// <summary>Writes a paragraph; <paramref name="label"/> (a reference number) hangs in the indent of its first line.</summary>
    public void Write(string text, double size = 10, bool strong = false, double indent = 0, string? label = null)
    {
        var face = strong ? _bold : _regular;
        var first = true;
        foreach (var line in Wrap(face, text, size, TextWidth - indent))
        {
            if (_page is null || _y < Bottom)
            {
                NewPage();
            }

            if (first && label is not null)
            {
                _page!.AddText(face.Fit(label), size, new PdfPoint(Margin, _y), face.Added);
            }

            _page!.AddText(line, size, new PdfPoint(Margin + indent, _y), face.Added);
            _y -= size * 1.35;
            first = false;
        }
    }

    /// <summary>Vertical space.</summary>
    public void Gap(double points = 6) => _y -= points;

    /// <summary>The finished file.</summary>
    public byte[] Build() => _builder.Build();

    public void Dispose() => _builder.Dispose();

    private void NewPage()
    {
        _page = _builder.AddPage(PageSize.A4);
        foreach (var (line, i) in Wrap(_regular, _footer, 8, TextWidth).Select((l, i) => (l, i)))
        {
            _page.AddText(line, 8, new PdfPoint(Margin, 40 - (i * 10)), _regular.Added);
        }

        _y = Top;
    }

    /// <summary>Lines that fit the width at the size, by the font's widths; a word longer than a line is cut.</summary>
    private static IEnumerable<string> Wrap(Face face, string text, double size, double width)
    {
        var fitted = face.Fit(text);
        var space = face.Font.Width(" ", size);
        var line = new StringBuilder();
        var lineWidth = 0.0;
        foreach (var whole in fitted.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var word in Pieces(face.Font, whole, size, width))
            {
                var wordWidth = face.Font.Width(word, size);
                if (line.Length > 0 && lineWidth + space + wordWidth > width)
                {
                    yield return line.ToString();
                    line.Clear();
                    lineWidth = 0;
                }

                if (line.Length > 0)
                {
                    line.Append(' ');
                    lineWidth += space;
                }

                line.Append(word);
                lineWidth += wordWidth;
            }
        }

        if (line.Length > 0)
        {
            yield return line.ToString();
        }
    }

    /// <summary>The word, cut into pieces no wider than the line (a long address); usually the word itself.</summary>
    private static IEnumerable<string> Pieces(ReportFont font, string word, double size, double width)
    {
        if (font.Width(word, size) <= width)
        {
            yield return word;
            yield break;
        }

        var start = 0;
        var pieceWidth = 0.0;
        for (var i = 0; i < word.Length; i++)
        {
            var w = font.Width(word[i].ToString(), size);
            if (i > start && pieceWidth + w > width)
            {
                yield return word[start..i];
                start = i;
                pieceWidth = 0;
            }

            pieceWidth += w;
        }

        yield return word[start..];
    }

    /// <summary>
    /// One embedded font of one document. A simple TrueType font in PdfPig holds at most 255 distinct
    /// characters, so past 250 a new character prints as '?' rather than failing the report; a
    /// character the font has no glyph for prints as '?' too (line breaks and tabs as spaces).
    /// </summary>
    private sealed class Face(PdfDocumentBuilder builder, ReportFont font)
    {
        private const int MaxCharacters = 250;
        private readonly HashSet<char> _used = [' ', '?'];

        public ReportFont Font { get; } = font;

        public PdfDocumentBuilder.AddedFont Added { get; } = builder.AddTrueTypeFont(font.Bytes);

        public string Fit(string text)
        {
            var s = new StringBuilder(text.Length);
            foreach (var rune in text.EnumerateRunes())
            {
                var c = rune.IsBmp ? (char)rune.Value : '?';
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                {
                    c = ' ';
                }
                else if (!Font.Has(c) || (!_used.Contains(c) && _used.Count >= MaxCharacters))
                {
                    c = '?';
                }

                _used.Add(c);
                s.Append(c);
            }

            return s.ToString();
        }
    }
}
