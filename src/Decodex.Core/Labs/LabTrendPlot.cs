using System.Globalization;
using System.Security;
using System.Text;

namespace Decodex.Core.Labs;

/// <summary>
/// Draws a trend as a self-contained SVG: the values over time, the reference range as a band, derived
/// points hollow, and changes beyond the reference change value ringed. No scripts, no external files.
/// </summary>
public static class LabTrendPlot
{
    private const int Width = 640;
    private const int Height = 260;
    private const int Left = 64;
    private const int Right = 20;
    private const int Top = 36;
    private const int Bottom = 44;

    public static string Svg(LabTrend trend)
    {
        ArgumentNullException.ThrowIfNull(trend);
        var points = trend.Points.OrderBy(p => p.Date).ToList();
        var values = points.Select(p => (double)p.Value).ToList();
        if (trend.RangeLow is { } rl)
        {
            values.Add((double)rl);
        }

        if (trend.RangeHigh is { } rh)
        {
            values.Add((double)rh);
        }

        var min = values.Min();
        var max = values.Max();
        var pad = Math.Max((max - min) * 0.1, Math.Abs(max) * 0.05 + 1e-9);
        (min, max) = (min - pad, max + pad);
        var t0 = points[0].Date.ToUnixTimeSeconds();
        var t1 = Math.Max(points[^1].Date.ToUnixTimeSeconds(), t0 + 1);
        double X(DateTimeOffset d) => Left + ((d.ToUnixTimeSeconds() - t0) / (double)(t1 - t0) * (Width - Left - Right));
        double Y(double v) => Top + ((max - v) / (max - min) * (Height - Top - Bottom));
        static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        static string V(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\">\n");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Escape(trend.Name)} ({Escape(LabUnit.Display(trend.Unit))})</title>\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"20\" font-size=\"13\" font-weight=\"bold\">{Escape(trend.Name)} ({Escape(LabUnit.Display(trend.Unit))})</text>\n");
        if (trend.RangeLow is not null || trend.RangeHigh is not null)
        {
            var top = Y(trend.RangeHigh is { } h ? (double)h : max);
            var bottom = Y(trend.RangeLow is { } l ? (double)l : min);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Left}\" y=\"{F(top)}\" width=\"{Width - Left - Right}\" height=\"{F(Math.Max(0, bottom - top))}\" fill=\"#e8f0e8\"><title>reference range</title></rect>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#888\"/>\n");
        foreach (var tick in new[] { min + pad, (min + max) / 2, max - pad })
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(Y(tick) + 4)}\" text-anchor=\"end\">{tick.ToString("0.##", CultureInfo.InvariantCulture)}</text>\n");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - Bottom + 16}\">{points[0].Date:yyyy-MM-dd}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right}\" y=\"{Height - Bottom + 16}\" text-anchor=\"end\">{points[^1].Date:yyyy-MM-dd}</text>\n");
        svg.Append("<polyline fill=\"none\" stroke=\"#2a5d9f\" stroke-width=\"1.5\" points=\"");
        svg.AppendJoin(' ', points.Select(p => $"{F(X(p.Date))},{F(Y((double)p.Value))}"));
        svg.Append("\"/>\n");
        foreach (var p in points)
        {
            var (x, y) = (F(X(p.Date)), F(Y((double)p.Value)));
            svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x}\" cy=\"{y}\" r=\"3.5\" fill=\"{(p.Derived ? "#fff" : "#2a5d9f")}\" stroke=\"#2a5d9f\"><title>{p.Date:yyyy-MM-dd}: {V(p.Value)}{(p.ChangePercent is { } c ? $" ({(c >= 0 ? "+" : string.Empty)}{V(c)} %)" : string.Empty)}</title></circle>\n");
            if (p.ExceedsReferenceChange == true)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{x}\" cy=\"{y}\" r=\"7\" fill=\"none\" stroke=\"#b5401f\" stroke-width=\"1.5\"><title>change beyond the reference change value</title></circle>\n");
            }
        }

        var legend = trend.ReferenceChangePercent is { } rcv
            ? $"Ringed: change beyond the reference change value (±{V(rcv)} %). Band: reference range."
            : "No biological-variation data: changes are not judged. Band: reference range.";
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 8}\" fill=\"#555\">{Escape(legend)}</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
