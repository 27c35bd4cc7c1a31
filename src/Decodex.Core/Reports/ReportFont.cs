using System.Collections.Concurrent;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;

namespace Decodex.Core.Reports;

/// <summary>
/// A TrueType font compiled into this assembly for the PDF report (DejaVu Sans; see
/// Reports/Fonts/PROVENANCE.md): its bytes, read where they lie in the loaded image, and its
/// metrics, so text is wrapped by the widths the PDF will draw it with. Parsed once per process.
/// </summary>
internal sealed class ReportFont
{
    private static readonly Lazy<ReportFont> RegularFont = new(() => new ReportFont("DejaVuSans.ttf"));
    private static readonly Lazy<ReportFont> BoldFont = new(() => new ReportFont("DejaVuSans-Bold.ttf"));

    private readonly TrueTypeFont _program;
    private readonly double _unitsPerEm;

    /// <summary>Advance width in em of each character asked about; NaN when the font has no glyph for it.</summary>
    private readonly ConcurrentDictionary<char, double> _advances = new();

    private ReportFont(string file)
    {
        // GetManifestResourceStream (inside EmbeddedBytes) works the same under NativeAOT.
        Bytes = EmbeddedBytes.Read(typeof(ReportFont).Assembly, "Decodex.Core.Reports.Fonts." + file);
        _program = TrueTypeFontParser.Parse(new TrueTypeDataBytes(new MemoryInputBytes(Bytes)));
        _unitsPerEm = _program.GetUnitsPerEm();
    }

    /// <summary>DejaVu Sans.</summary>
    public static ReportFont Regular => RegularFont.Value;

    /// <summary>DejaVu Sans Bold.</summary>
    public static ReportFont Bold => BoldFont.Value;

    /// <summary>The font file.</summary>
    public ReadOnlyMemory<byte> Bytes { get; }

    /// <summary>True when the font has a glyph for the character (so the PDF writer can draw it).</summary>
    public bool Has(char c) => !double.IsNaN(Advance(c));

    /// <summary>The width of the text at the size in points; characters without a glyph count as nothing.</summary>
    public double Width(string text, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var em = 0.0;
        foreach (var c in text)
        {
            var a = Advance(c);
            em += double.IsNaN(a) ? 0 : a;
        }

        return em * size;
    }

    private double Advance(char c) => _advances.GetOrAdd(c, static (ch, font) =>
    {
        // The parsed font is shared by every report being written; PdfPig does not promise it is safe to read from two threads.
        lock (font._program)
        {
            return font._program.WindowsUnicodeCMap is { } cmap && cmap.CharacterCodeToGlyphIndex(ch) != 0
                && font._program.TryGetBoundingBox(ch, out _) && font._program.TryGetAdvanceWidth(ch, out var width)
                ? width / font._unitsPerEm
                : double.NaN;
        }
    }, this);
}
