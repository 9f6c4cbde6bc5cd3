using System.Globalization;
using System.Text;
using Ml.Sdk.Monitoring.Drift;

namespace Ml.Sdk.Monitoring.Reports.Internal;

/// <summary>Writes the report's HTML: the page frame, the summary, the column table and the charts.</summary>
internal static class DriftReportDocument
{
    private const int MaxUnseenListed = 10;

    private const string Style =
        "body{font-family:system-ui,\"Segoe UI\",\"DejaVu Sans\",Arial,sans-serif;margin:24px;color:#1f2328;background:#fff;font-size:14px}" +
        "h1{font-size:24px;margin:0 0 12px}h2{font-size:18px;margin:28px 0 10px}h3{font-size:15px;margin:0 0 4px;overflow-wrap:anywhere}" +
        ".banner{padding:10px 14px;margin:0 0 14px;font-size:16px;font-weight:600}" +
        ".banner.drift{background:#fde8e7;border-left:6px solid #b42318}.banner.ok{background:#e7f5ea;border-left:6px solid #1a7f37}" +
        "dl.summary{display:grid;grid-template-columns:max-content auto;gap:4px 18px;margin:0}" +
        "dl.summary dt{color:#59636e}dl.summary dd{margin:0}" +
        ".table{overflow-x:auto}table{border-collapse:collapse;font-size:12px}th,td{padding:4px 8px;border-bottom:1px solid #d8dee4;text-align:right;vertical-align:top}" +
        "th{background:#f6f8fa}td.t,th.t{text-align:left}td.name{overflow-wrap:break-word;max-width:220px}td.status{min-width:120px}" +
        "td.yes{color:#b42318;font-weight:600}td.untested{color:#59636e}" +
        ".charts{display:flex;flex-wrap:wrap;gap:16px}figure{margin:0;padding:10px;border:1px solid #d8dee4}" +
        "figcaption{margin:0 0 6px;color:#59636e}" +
        "svg.chart{display:block;font-size:11px}svg .grid{stroke:#e4e8ec}svg .axis{stroke:#59636e}" +
        "svg text{fill:#1f2328}svg .value{font-size:10px}svg .tick,svg .axis-title{fill:#59636e}" +
        "ul.untested{padding-left:20px}";

    public static string Render(DatasetDriftResult result, DriftReportOptions options)
    {
        ColumnDriftResult[] columns = Ordered(result.Columns);
        var html = new StringBuilder(4096 + (columns.Length * 6144));
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").AppendEscaped(options.Title).Append("</title>")
            .Append("<style>").Append(Style).Append("</style></head>\n<body>\n")
            .Append("<h1>").AppendEscaped(options.Title).Append("</h1>\n");

        AppendSummary(html, result, options);
        AppendTable(html, columns);
        AppendCharts(html, columns, options);

        html.Append("</body></html>\n");
        return html.ToString();
    }

    /// <summary>
    /// Drifted columns first, then tested before untested, then by how far the score lies past its threshold (score ÷
    /// threshold for distances, threshold ÷ p-value for p-values, so that one order fits both), then in the result's order.
    /// </summary>
    private static ColumnDriftResult[] Ordered(IReadOnlyList<ColumnDriftResult> columns) =>
    [
        .. columns
            .OrderByDescending(c => c.Drifted)
            .ThenBy(c => c.Status == ColumnDriftStatus.Tested ? 0 : 1)
            .ThenByDescending(Severity),
    ];

    private static double Severity(ColumnDriftResult column)
    {
        if (column.Status != ColumnDriftStatus.Tested)
        {
            return double.NaN;
        }

        // NaN sorts below every number, so a score that cannot be compared goes last within its group.
        return column.IsPValueMethod ? column.Threshold / column.Score : column.Score / column.Threshold;
    }

    private static void AppendSummary(StringBuilder html, DatasetDriftResult result, DriftReportOptions options)
    {
        html.Append("<section id=\"summary\">\n");
        if (result.DatasetDrifted)
        {
            html.Append("<p class=\"banner drift\">Dataset drift detected</p>\n");
        }
        else
        {
            html.Append("<p class=\"banner ok\">No dataset drift detected</p>\n");
        }

        html.Append("<dl class=\"summary\">\n");
        AppendTerm(html, "Drifted columns")
            .Append(ReportNumbers.Count(result.DriftedColumnCount)).Append(" of ")
            .Append(ReportNumbers.Count(result.TestedColumnCount)).Append(" tested columns</dd>\n");
        AppendTerm(html, "Share of drifted columns")
            .Append(ReportNumbers.Percent(result.DriftShare)).Append(" (dataset drifts at ")
            .Append(ReportNumbers.Percent(result.DriftShareThreshold)).Append(" or more)</dd>\n");
        int untested = result.Columns.Count(c => c.Status != ColumnDriftStatus.Tested);
        if (untested > 0)
        {
            AppendTerm(html, "Columns not tested").Append(ReportNumbers.Count(untested)).Append("</dd>\n");
        }

        AppendTerm(html, "Multiple-testing correction").Append(ReportLabels.Correction(result.Correction)).Append("</dd>\n");
        AppendTerm(html, "Reference rows").Append(ReportNumbers.Count(result.ReferenceRowCount)).Append("</dd>\n");
        AppendTerm(html, "Current rows").Append(ReportNumbers.Count(result.CurrentRowCount)).Append("</dd>\n");
        if (options.ModelName is not null)
        {
            AppendTerm(html, "Model").AppendEscaped(options.ModelName).Append("</dd>\n");
        }

        if (options.ModelVersion is not null)
        {
            AppendTerm(html, "Model version").AppendEscaped(options.ModelVersion).Append("</dd>\n");
        }

        if (options.GeneratedAt is { } generatedAt)
        {
            AppendTerm(html, "Generated at")
                .Append(generatedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'zzz", CultureInfo.InvariantCulture)).Append("</dd>\n");
        }

        html.Append("</dl>\n</section>\n");
    }

    private static StringBuilder AppendTerm(StringBuilder html, string term) =>
        html.Append("<dt>").Append(term).Append("</dt><dd>");

    private static void AppendTable(StringBuilder html, ColumnDriftResult[] columns)
    {
        html.Append("<section id=\"columns\">\n<h2>Columns</h2>\n<div class=\"table\"><table>\n<thead><tr>")
            .Append("<th class=\"t\">Column</th><th class=\"t\">Kind</th><th class=\"t\">Method</th>")
            .Append("<th>Score</th><th>Threshold</th><th>P-value / distance</th><th>Statistic</th>")
            .Append("<th class=\"t\">Drifted</th><th class=\"t\">Status</th>")
            .Append("<th>Reference values</th><th>Current values</th><th>Current missing</th>")
            .Append("<th class=\"t\">Unseen categories</th><th>Reference mean</th><th>Current mean</th>")
            .Append("</tr></thead>\n<tbody>\n");

        foreach (ColumnDriftResult column in columns)
        {
            bool tested = column.Status == ColumnDriftStatus.Tested;
            html.Append("<tr><td class=\"t name\">").AppendEscaped(column.Column).Append("</td>")
                .Append("<td class=\"t\">").Append(ReportLabels.Kind(column.Kind)).Append("</td>")
                .Append("<td class=\"t\">").Append(ReportLabels.Method(column.Method))
                .Append(column.IsPValueMethod ? " (p-value)" : " (distance)").Append("</td>");
            Cell(html, tested ? column.Score : double.NaN);
            Cell(html, column.Threshold);
            Cell(html, !tested ? double.NaN : column.IsPValueMethod ? column.PValue : column.Statistic);
            Cell(html, tested ? column.Statistic : double.NaN);
            if (!tested)
            {
                html.Append("<td class=\"t untested\">").Append(ReportNumbers.Missing).Append("</td>");
            }
            else if (column.Drifted)
            {
                html.Append("<td class=\"t yes\">yes</td>");
            }
            else
            {
                html.Append("<td class=\"t\">no</td>");
            }

            html.Append("<td class=\"t status").Append(tested ? "\">" : " untested\">").Append(ReportLabels.Status(column.Status)).Append("</td>")
                .Append("<td>").Append(ReportNumbers.Count(column.ReferenceCount)).Append("</td>")
                .Append("<td>").Append(ReportNumbers.Count(column.CurrentCount)).Append("</td>")
                .Append("<td>").Append(ReportNumbers.Count(column.CurrentMissingCount)).Append("</td>")
                .Append("<td class=\"t\">");
            AppendUnseen(html, column.UnseenCategories);
            html.Append("</td>");
            Cell(html, column.ReferenceMean);
            Cell(html, column.CurrentMean);
            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n</section>\n");
    }

    private static void Cell(StringBuilder html, double value) =>
        html.Append("<td>").Append(ReportNumbers.Number(value)).Append("</td>");

    private static void AppendUnseen(StringBuilder html, IReadOnlyList<string> unseen)
    {
        if (unseen.Count == 0)
        {
            html.Append(ReportNumbers.Missing);
            return;
        }

        // A bounded list keeps the page's size independent of how many new labels a window brings.
        int listed = Math.Min(unseen.Count, MaxUnseenListed);
        for (int i = 0; i < listed; i++)
        {
            if (i > 0)
            {
                html.Append(", ");
            }

            html.AppendEscaped(unseen[i]);
        }

        if (unseen.Count > listed)
        {
            html.Append(" and ").Append(ReportNumbers.Count(unseen.Count - listed)).Append(" more");
        }
    }

    private static void AppendCharts(StringBuilder html, ColumnDriftResult[] columns, DriftReportOptions options)
    {
        html.Append("<section id=\"charts\">\n<h2>Distributions</h2>\n<div class=\"charts\">\n");
        foreach (ColumnDriftResult column in columns)
        {
            if (column.Status != ColumnDriftStatus.Tested)
            {
                continue;
            }

            html.Append("<figure><h3>").AppendEscaped(column.Column).Append("</h3><figcaption>")
                .Append(ReportLabels.Method(column.Method)).Append(": score ").Append(ReportNumbers.Number(column.Score))
                .Append(", threshold ").Append(ReportNumbers.Number(column.Threshold))
                .Append(column.Drifted ? ", drifted" : ", not drifted").Append("</figcaption>");
            if (column.Distribution is { } distribution)
            {
                SvgBarChart.Append(html, ChartBars.From(distribution, options.MaxCategoriesPerChart), column.Column);
            }
            else
            {
                html.Append("<p>No distribution was recorded for this column.</p>");
            }

            html.Append("</figure>\n");
        }

        html.Append("</div>\n");
        if (columns.Any(c => c.Status != ColumnDriftStatus.Tested))
        {
            html.Append("<h2>Columns not tested</h2>\n<ul class=\"untested\">\n");
            foreach (ColumnDriftResult column in columns)
            {
                if (column.Status != ColumnDriftStatus.Tested)
                {
                    html.Append("<li><strong>").AppendEscaped(column.Column).Append("</strong>: ")
                        .Append(ReportLabels.Status(column.Status)).Append("</li>\n");
                }
            }

            html.Append("</ul>\n");
        }

        html.Append("</section>\n");
    }
}
