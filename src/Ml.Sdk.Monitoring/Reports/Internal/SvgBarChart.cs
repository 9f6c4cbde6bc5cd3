using System.Globalization;
using System.Text;

namespace Ml.Sdk.Monitoring.Reports.Internal;

/// <summary>Draws reference and current shares as grouped bars in an inline SVG, with a legend, axes and percentage labels.</summary>
internal static class SvgBarChart
{
    public const string ReferenceColor = "#4c72b0";
    public const string CurrentColor = "#dd8452";

    private const double GroupWidth = 52;
    private const double MinPlotWidth = 360;
    private const double Left = 72;
    private const double Right = 16;
    private const double Top = 64;
    private const double PlotHeight = 220;
    private const double Bottom = 104;
    private const int MaxLabelChars = 24;

    private static readonly double[] s_tickSteps = [0.01, 0.02, 0.05, 0.1, 0.2, 0.25];

    public static void Append(StringBuilder html, ChartBars bars, string column)
    {
        int n = bars.Count;
        double plotWidth = Math.Max(MinPlotWidth, n * GroupWidth);
        double width = Left + plotWidth + Right;
        double height = Top + PlotHeight + Bottom;
        double baseline = Top + PlotHeight;
        (double top, double step) = Scale(bars);

        html.Append("<svg class=\"chart\" width=\"").Append(C(width)).Append("\" height=\"").Append(C(height))
            .Append("\" viewBox=\"0 0 ").Append(C(width)).Append(' ').Append(C(height)).Append("\" role=\"img\">");
        html.Append("<title>Reference and current shares of ").AppendEscaped(column).Append("</title>");

        AppendLegend(html);

        int ticks = (int)Math.Round(top / step);
        for (int k = 0; k <= ticks; k++)
        {
            double y = baseline - (k * step / top * PlotHeight);
            if (k > 0)
            {
                html.Append("<line class=\"grid\" x1=\"").Append(C(Left)).Append("\" y1=\"").Append(C(y))
                    .Append("\" x2=\"").Append(C(Left + plotWidth)).Append("\" y2=\"").Append(C(y)).Append("\"/>");
            }

            html.Append("<text class=\"tick\" x=\"").Append(C(Left - 6)).Append("\" y=\"").Append(C(y))
                .Append("\" text-anchor=\"end\" dominant-baseline=\"middle\">")
                .Append((k * step * 100).ToString("0.#", CultureInfo.InvariantCulture)).Append("%</text>");
        }

        html.Append("<line class=\"axis\" x1=\"").Append(C(Left)).Append("\" y1=\"").Append(C(Top - 8))
            .Append("\" x2=\"").Append(C(Left)).Append("\" y2=\"").Append(C(baseline)).Append("\"/>");
        html.Append("<line class=\"axis\" x1=\"").Append(C(Left)).Append("\" y1=\"").Append(C(baseline))
            .Append("\" x2=\"").Append(C(Left + plotWidth)).Append("\" y2=\"").Append(C(baseline)).Append("\"/>");

        double groupWidth = n == 0 ? plotWidth : plotWidth / n;
        double barWidth = groupWidth * 0.4;
        bool rotateLabels = n > 4 || bars.Labels.Any(l => Math.Min(l.Length, MaxLabelChars) * 6.5 > groupWidth);
        for (int i = 0; i < n; i++)
        {
            double x = Left + (i * groupWidth) + (groupWidth * 0.1);
            AppendBar(html, x, barWidth, bars.Reference[i], top, baseline, ReferenceColor);
            AppendBar(html, x + barWidth, barWidth, bars.Current[i], top, baseline, CurrentColor);
            AppendCategoryLabel(html, bars.Labels[i], Left + ((i + 0.5) * groupWidth), baseline + 14, rotateLabels);
        }

        html.Append("<text class=\"axis-title\" x=\"14\" y=\"").Append(C(Top + (PlotHeight / 2)))
            .Append("\" text-anchor=\"middle\" transform=\"rotate(-90 14 ").Append(C(Top + (PlotHeight / 2)))
            .Append(")\">share of values</text>");
        html.Append("</svg>");
    }

    private static void AppendLegend(StringBuilder html)
    {
        html.Append("<rect x=\"").Append(C(Left)).Append("\" y=\"8\" width=\"14\" height=\"14\" fill=\"").Append(ReferenceColor).Append("\"/>");
        html.Append("<text class=\"legend\" x=\"").Append(C(Left + 20)).Append("\" y=\"15\" dominant-baseline=\"middle\">reference</text>");
        html.Append("<rect x=\"").Append(C(Left + 110)).Append("\" y=\"8\" width=\"14\" height=\"14\" fill=\"").Append(CurrentColor).Append("\"/>");
        html.Append("<text class=\"legend\" x=\"").Append(C(Left + 130)).Append("\" y=\"15\" dominant-baseline=\"middle\">current</text>");
    }

    private static void AppendBar(StringBuilder html, double x, double width, double share, double top, double baseline, string color)
    {
        // A share the detector could not compute is drawn as no bar and labelled "—" rather than breaking the SVG with "NaN".
        double drawn = double.IsFinite(share) ? Math.Clamp(share, 0, top) : 0;
        double height = drawn / top * PlotHeight;
        double y = baseline - height;
        html.Append("<rect x=\"").Append(C(x)).Append("\" y=\"").Append(C(y)).Append("\" width=\"").Append(C(width))
            .Append("\" height=\"").Append(C(height)).Append("\" fill=\"").Append(color).Append("\"/>");

        double cx = x + (width / 2);
        double ly = y - 4;
        if (width >= 30)
        {
            html.Append("<text class=\"value\" x=\"").Append(C(cx)).Append("\" y=\"").Append(C(ly)).Append("\" text-anchor=\"middle\">");
        }
        else
        {
            // Narrow bars: the label stands upright on the bar so that neighbours never overlap.
            html.Append("<text class=\"value\" x=\"").Append(C(cx)).Append("\" y=\"").Append(C(ly))
                .Append("\" dominant-baseline=\"middle\" transform=\"rotate(-90 ").Append(C(cx)).Append(' ').Append(C(ly)).Append(")\">");
        }

        html.Append(ReportNumbers.Percent(share)).Append("</text>");
    }

    private static void AppendCategoryLabel(StringBuilder html, string label, double x, double y, bool rotate)
    {
        string shown = Truncate(label);
        html.Append("<text class=\"label\" x=\"").Append(C(x)).Append("\" y=\"").Append(C(y)).Append('"');
        if (rotate)
        {
            html.Append(" text-anchor=\"end\" transform=\"rotate(-35 ").Append(C(x)).Append(' ').Append(C(y)).Append(")\">");
        }
        else
        {
            html.Append(" text-anchor=\"middle\">");
        }

        if (!ReferenceEquals(shown, label))
        {
            html.Append("<title>").AppendEscaped(label).Append("</title>");
        }

        html.AppendEscaped(shown).Append("</text>");
    }

    private static string Truncate(string label)
    {
        if (label.Length <= MaxLabelChars)
        {
            return label;
        }

        int cut = MaxLabelChars - 1;
        if (char.IsHighSurrogate(label[cut - 1]))
        {
            cut--;
        }

        return string.Concat(label.AsSpan(0, cut), "…");
    }

    private static (double Top, double Step) Scale(ChartBars bars)
    {
        double max = 0.01;
        for (int i = 0; i < bars.Count; i++)
        {
            max = Math.Max(max, Finite(bars.Reference[i]));
            max = Math.Max(max, Finite(bars.Current[i]));
        }

        foreach (double step in s_tickSteps)
        {
            double ticks = Math.Ceiling((max / step) - 1e-9);
            if (ticks <= 5)
            {
                return (ticks * step, step);
            }
        }

        // Shares above 1 only come from a malformed comparison; the scale still covers them.
        double wide = Math.Ceiling(max / 0.25) * 0.25;
        return (wide, wide / 4);
    }

    private static double Finite(double share) => double.IsFinite(share) ? share : 0;

    private static string C(double value) => ReportNumbers.Coordinate(value);
}
