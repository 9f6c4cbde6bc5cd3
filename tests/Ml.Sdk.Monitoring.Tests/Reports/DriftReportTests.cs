using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Reports;
using Ml.Sdk.Monitoring.Tests.Reports.TestSupport;
using static Ml.Sdk.Monitoring.Tests.Reports.TestSupport.SampleDriftResults;

namespace Ml.Sdk.Monitoring.Tests.Reports;

public sealed class DriftReportTests
{
    private static readonly DriftReportOptions s_options = new()
    {
        Title = "Churn model drift",
        ModelName = "churn",
        ModelVersion = "7",
        GeneratedAt = new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero),
    };

    [Fact]
    public void ToHtml_TypicalResult_SummaryShowsVerdictCountsShareCorrectionRowsAndModel()
    {
        string html = DriftReport.ToHtml(Typical(referenceRows: 1_234_567, currentRows: 800), s_options);
        string summary = Section(html, "summary");

        Assert.Contains("Dataset drift detected", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Drifted columns</dt><dd>2 of 3 tested columns</dd>", summary, StringComparison.Ordinal);
        // 2 / 3 = 66.7 %, against the default threshold of 50 %
        Assert.Contains("<dd>66.7% (dataset drifts at 50.0% or more)</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Columns not tested</dt><dd>1</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Multiple-testing correction</dt><dd>none</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Reference rows</dt><dd>1,234,567</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Current rows</dt><dd>800</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Model</dt><dd>churn</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Model version</dt><dd>7</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<dt>Generated at</dt><dd>2025-03-04 05:06:07 UTC+00:00</dd>", summary, StringComparison.Ordinal);
        Assert.Contains("<title>Churn model drift</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Churn model drift</h1>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_NoDriftAndDefaultOptions_SaysNoDriftWithDefaultTitleAndNoModelOrTime()
    {
        DatasetDriftResult result = Dataset(
            100,
            100,
            Numeric("a", DriftMethod.WassersteinNormed, score: 0.01, drifted: false),
            Numeric("b", DriftMethod.WassersteinNormed, score: 0.02, drifted: false)).WithCorrection(MultipleTestingCorrection.BenjaminiHochberg);

        string html = DriftReport.ToHtml(result);

        Assert.Contains("No dataset drift detected", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dataset drift detected", html, StringComparison.Ordinal);
        Assert.Contains("<dd>0 of 2 tested columns</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>0.0% (dataset drifts at 50.0% or more)</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Benjamini–Hochberg</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Data drift report</h1>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>Model", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<dt>Generated at", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Columns not tested", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_TypicalResult_TableRowShowsEveryFieldOfTheColumn()
    {
        string table = Section(DriftReport.ToHtml(Typical()), "columns");
        string age = Row(table, "age");
        string plan = Row(table, "plan");

        Assert.Equal(
            "<td class=\"t name\">age</td><td class=\"t\">numeric</td><td class=\"t\">Kolmogorov–Smirnov (p-value)</td>" +
            "<td>0.0012</td><td>0.05</td><td>0.0012</td><td>0.2134</td><td class=\"t yes\">yes</td><td class=\"t status\">tested</td>" +
            "<td>1,000</td><td>790</td><td>10</td><td class=\"t\">—</td><td>41.25</td><td>47.88</td>",
            age);
        Assert.Equal(
            "<td class=\"t name\">plan</td><td class=\"t\">categorical</td><td class=\"t\">Jensen–Shannon (distance)</td>" +
            "<td>0.21</td><td>0.1</td><td>0.21</td><td>0.21</td><td class=\"t yes\">yes</td><td class=\"t status\">tested</td>" +
            "<td>1,000</td><td>800</td><td>0</td><td class=\"t\">trial</td><td>—</td><td>—</td>",
            plan);
        Assert.Contains("<td class=\"t\">no</td>", Row(table, "income"), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_MixedMethods_DriftedFirstThenByDistancePastThresholdThenUntested()
    {
        DatasetDriftResult result = Dataset(
            1_000,
            1_000,
            Untested("gone", ColumnDriftStatus.NoCurrentValues),
            Numeric("calm", DriftMethod.WassersteinNormed, score: 0.01, drifted: false),
            Categorical("plan", ["a", "b"], [0.5, 0.5], [0.2, 0.8], score: 0.21, drifted: true),
            Numeric("age", DriftMethod.KolmogorovSmirnov, score: 0.0012, drifted: true),
            Numeric("uneasy", DriftMethod.WassersteinNormed, score: 0.08, drifted: false),
            Numeric("bordering", DriftMethod.KolmogorovSmirnov, score: 0.06, drifted: false));

        string table = Section(DriftReport.ToHtml(result), "columns");

        // Severity: age 0.05 / 0.0012 = 41.7, plan 0.21 / 0.1 = 2.1, bordering 0.05 / 0.06 = 0.83, uneasy 0.8, calm 0.1.
        string[] order = [.. Regex.Matches(table, "<td class=\"t name\">([^<]*)</td>").Select(m => m.Groups[1].Value)];
        Assert.Equal(["age", "plan", "bordering", "uneasy", "calm", "gone"], order);
    }

    [Fact]
    public void ToHtml_TestedColumns_OneSvgChartPerTestedColumnInTableOrder()
    {
        string html = DriftReport.ToHtml(Typical());
        string charts = Section(html, "charts");

        Assert.Equal(3, Regex.Count(html, "<svg"));
        string[] headings = [.. Regex.Matches(charts, "<figure><h3>([^<]*)</h3>").Select(m => m.Groups[1].Value)];
        Assert.Equal(["age", "plan", "income"], headings);
        Assert.Equal(3, Regex.Count(charts, "reference</text>"));
        Assert.Equal(3, Regex.Count(charts, "current</text>"));
    }

    [Fact]
    public void ToHtml_UntestedColumn_SaysWhyAndDrawsNoChart()
    {
        string html = DriftReport.ToHtml(Typical());

        Assert.Contains(
            "<td class=\"t status untested\">not tested: the column is missing from the current data</td>",
            Row(Section(html, "columns"), "segment"),
            StringComparison.Ordinal);
        Assert.Contains("<li><strong>segment</strong>: not tested: the column is missing from the current data</li>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<h3>segment</h3>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_NumericChart_BarsPerBinWithOpenEndedFirstAndLastLabelsAndPercentages()
    {
        string charts = Section(DriftReport.ToHtml(Typical()), "charts");
        string age = Figure(charts, "age");

        string[] labels = [.. Regex.Matches(age, "<text class=\"label\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value)];
        Assert.Equal(["&lt; 25", "[25, 32)", "[32, 40)", "[40, 50)", "&gt;= 50"], labels);
        Assert.Equal(5, Regex.Count(age, "fill=\"#4c72b0\"/>") - 1);
        Assert.Equal(5, Regex.Count(age, "fill=\"#dd8452\"/>") - 1);
        string[] values = [.. Regex.Matches(age, "<text class=\"value\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value)];
        Assert.Equal(["20.0%", "5.0%", "20.0%", "10.0%", "20.0%", "20.0%", "20.0%", "30.0%", "20.0%", "35.0%"], values);
    }

    [Fact]
    public void ToHtml_CloseBinEdges_PrintsEnoughDigitsToTellThemApart()
    {
        ColumnDriftResult column = Numeric(
            "x",
            DriftMethod.WassersteinNormed,
            score: 0.01,
            drifted: false,
            edges: [0, 1.00001, 1.00002, 2],
            referenceShares: [0.3, 0.3, 0.4],
            currentShares: [0.3, 0.3, 0.4]);

        string html = DriftReport.ToHtml(Dataset(10, 10, column));

        Assert.Contains(">&lt; 1.00001</text>", html, StringComparison.Ordinal);
        Assert.Contains(">[1.00001, 1.00002)</text>", html, StringComparison.Ordinal);
        Assert.Contains(">&gt;= 1.00002</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_OneBinOrNoBins_DrawsAChartWithoutFailing()
    {
        ColumnDriftResult oneBin = Numeric("one", DriftMethod.WassersteinNormed, score: 0, drifted: false, edges: [3, 3], referenceShares: [1.0], currentShares: [1.0]);
        ColumnDriftResult noBins = Numeric("none", DriftMethod.WassersteinNormed, score: 0, drifted: false, edges: [], referenceShares: [], currentShares: []);

        string html = DriftReport.ToHtml(Dataset(10, 10, oneBin, noBins));

        Assert.Equal(2, Regex.Count(html, "<svg"));
        Assert.Contains(">all values</text>", Figure(Section(html, "charts"), "one"), StringComparison.Ordinal);
        Assert.DoesNotContain("<text class=\"label\"", Figure(Section(html, "charts"), "none"), StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_MoreCategoriesThanTheMaximum_KeepsTheLargestInOrderAndFoldsTheRestIntoOther()
    {
        // 30 categories c00..c29; c07, c13, c21 and c28 are the largest on either side; the other 26 share the rest.
        string[] categories = [.. Enumerable.Range(0, 30).Select(i => $"c{i:00}")];
        double[] reference = [.. Enumerable.Repeat(0.02, 30)];
        double[] current = [.. Enumerable.Repeat(0.01, 30)];
        reference[7] = 0.2;
        reference[21] = 0.12;
        current[13] = 0.3;
        current[28] = 0.2;
        ColumnDriftResult column = Categorical("plan", categories, reference, current, score: 0.3, drifted: true);

        string html = DriftReport.ToHtml(Dataset(10, 10, column), new DriftReportOptions { MaxCategoriesPerChart = 5 });

        string[] labels = [.. Regex.Matches(html, "<text class=\"label\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value)];
        Assert.Equal(["c07", "c13", "c21", "c28", "other (26 categories)"], labels);
        string[] values = [.. Regex.Matches(html, "<text class=\"value\"[^>]*>([^<]*)</text>").Select(m => m.Groups[1].Value)];
        // Pairs of reference and current; "other" sums the 26 folded ones: 0.02 * 26 = 52.0 %, 0.01 * 26 = 26.0 %.
        Assert.Equal(["20.0%", "1.0%", "2.0%", "30.0%", "12.0%", "1.0%", "2.0%", "20.0%", "52.0%", "26.0%"], values);
    }

    [Fact]
    public void ToHtml_CategoriesAtTheMaximum_DrawsEveryCategory()
    {
        string[] categories = [.. Enumerable.Range(0, 20).Select(i => $"k{i}")];
        double[] shares = [.. Enumerable.Repeat(0.05, 20)];
        ColumnDriftResult column = Categorical("k", categories, shares, shares, score: 0, drifted: false);

        string html = DriftReport.ToHtml(Dataset(10, 10, column));

        Assert.Equal(20, Regex.Count(html, "<text class=\"label\""));
        Assert.DoesNotContain("other (", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_MarkupInNamesCategoriesAndOptions_IsEscapedEverywhere()
    {
        const string Evil = "<script>alert(1)</script>";
        const string Quotes = "\"&'";
        ColumnDriftResult column = Categorical(
            Evil + Quotes,
            [Evil, Quotes, "a-very-long-category-name-" + Evil],
            [0.4, 0.4, 0.2],
            [0.2, 0.4, 0.4],
            score: 0.2,
            drifted: true,
            unseen: [Evil]);
        var options = new DriftReportOptions { Title = Evil + Quotes, ModelName = Evil, ModelVersion = Quotes };

        string html = DriftReport.ToHtml(Dataset(10, 10, column, Untested(Quotes + Evil, ColumnDriftStatus.NoCurrentRows)), options);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\"&'", html, StringComparison.Ordinal);
        Assert.Contains("<title>&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;</title>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"t name\">&lt;script&gt;alert(1)&lt;/script&gt;&quot;&amp;&#39;</td>", html, StringComparison.Ordinal);
        Assert.Contains("<dt>Model version</dt><dd>&quot;&amp;&#39;</dd>", html, StringComparison.Ordinal);
        Assert.Contains(">&quot;&amp;&#39;</text>", html, StringComparison.Ordinal);
        Assert.Contains("<li><strong>&quot;&amp;&#39;&lt;script&gt;", html, StringComparison.Ordinal);
        // The long label is cut for the axis, and its full (escaped) text is kept in a tooltip.
        Assert.Contains("<title>a-very-long-category-name-&lt;script&gt;alert(1)&lt;/script&gt;</title>a-very-long-category-na…</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_GermanCulture_WritesTheSameInvariantPage()
    {
        DatasetDriftResult result = Typical(referenceRows: 1_234_567);
        string invariant = RenderUnder(CultureInfo.InvariantCulture, result);

        string german = RenderUnder(CultureInfo.GetCultureInfo("de-DE"), result);

        Assert.Equal(invariant, german);
        Assert.Contains("<td>0.0012</td>", german, StringComparison.Ordinal);
        Assert.Contains("<td>41.25</td>", german, StringComparison.Ordinal);
        Assert.Contains("<dd>1,234,567</dd>", german, StringComparison.Ordinal);
        Assert.Contains("66.7%", german, StringComparison.Ordinal);
        Assert.DoesNotContain("0,0012", german, StringComparison.Ordinal);
        Assert.DoesNotContain("1.234.567", german, StringComparison.Ordinal);
        Assert.DoesNotMatch("(x|y|width|height)=\"[0-9]+,[0-9]", german);
    }

    [Fact]
    public void ToHtml_NonFiniteScoresAndShares_PrintDashAndInfinityNeverNaN()
    {
        ColumnDriftResult infinite = Numeric(
            "kl",
            DriftMethod.KullbackLeibler,
            score: double.PositiveInfinity,
            drifted: true,
            edges: [double.NegativeInfinity, 0, 1, double.PositiveInfinity],
            referenceShares: [double.NaN, 0.5, 0.5],
            currentShares: [0.2, 0.3, 0.5]);

        string html = DriftReport.ToHtml(Dataset(10, 10, infinite, Untested("gone", ColumnDriftStatus.NoReferenceValues)));

        Assert.DoesNotContain("NaN", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", html, StringComparison.Ordinal);
        Assert.StartsWith("<td class=\"t name\">kl</td><td class=\"t\">numeric</td><td class=\"t\">Kullback–Leibler (distance)</td><td>∞</td><td>0.1</td><td>∞</td><td>∞</td>", Row(Section(html, "columns"), "kl"), StringComparison.Ordinal);
        Assert.StartsWith("<td class=\"t name\">gone</td><td class=\"t\">categorical</td><td class=\"t\">chi-square (p-value)</td><td>—</td><td>0.05</td><td>—</td><td>—</td><td class=\"t untested\">—</td>", Row(Section(html, "columns"), "gone"), StringComparison.Ordinal);
        Assert.Contains("score ∞, threshold 0.1, drifted", html, StringComparison.Ordinal);
        Assert.Contains(">—</text>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_ManyUnseenCategories_ListsTenAndCountsTheRest()
    {
        string[] unseen = [.. Enumerable.Range(0, 25).Select(i => $"u{i}")];
        ColumnDriftResult column = Categorical("c", ["a"], [1.0], [1.0], score: 0, drifted: false, unseen: unseen);

        string html = DriftReport.ToHtml(Dataset(10, 10, column));

        Assert.Contains("<td class=\"t\">u0, u1, u2, u3, u4, u5, u6, u7, u8, u9 and 15 more</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("u10", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_AnyResult_IsSelfContainedWithoutScriptsFontsOrUrls()
    {
        string html = DriftReport.ToHtml(Typical(), s_options);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
        foreach (string forbidden in new[] { "http:", "https:", "<script", "<link", "@import", "@font-face", "url(", "src=", "href=", "<img", "<iframe", "onload=" })
        {
            Assert.DoesNotContain(forbidden, html, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void ToHtml_SameInput_SameOutput()
    {
        Assert.Equal(DriftReport.ToHtml(Typical(), s_options), DriftReport.ToHtml(Typical(), s_options));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    [InlineData(-3)]
    public void ToHtml_MaxCategoriesBelowTwo_ThrowsArgumentOutOfRange(int max)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DriftReport.ToHtml(Typical(), new DriftReportOptions { MaxCategoriesPerChart = max }));
    }

    [Fact]
    public void ToHtml_NullResult_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => DriftReport.ToHtml(null!));
    }

    [Fact]
    public async Task WriteHtmlAsync_Stream_WritesTheSamePageAsUtf8WithoutBom()
    {
        using var stream = new MemoryStream();
        stream.Write("prefix:"u8);

        await DriftReport.WriteHtmlAsync(Typical(), stream, s_options);

        byte[] bytes = stream.ToArray();
        Assert.Equal("prefix:<!DOCTYPE"u8.ToArray(), bytes[..16]);
        byte[] expected = Encoding.UTF8.GetBytes(DriftReport.ToHtml(Typical(), s_options));
        Assert.Equal(expected, bytes[7..]);
        // "—" (U+2014) is three bytes in UTF-8; a Latin-1 or UTF-16 writer would differ.
        Assert.True(bytes.AsSpan().IndexOf("\u2014"u8) > 0);
    }

    [Fact]
    public async Task WriteHtmlAsync_CanceledToken_ThrowsAndWritesNothing()
    {
        using var stream = new MemoryStream();
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DriftReport.WriteHtmlAsync(Typical(), stream, cancellationToken: cancellation.Token));

        Assert.Equal(0, stream.Length);
    }

    [Fact]
    public async Task WriteHtmlAsync_NullDestination_ThrowsArgumentNull()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => DriftReport.WriteHtmlAsync(Typical(), null!));
    }

    private static string RenderUnder(CultureInfo culture, DatasetDriftResult result)
    {
        CultureInfo before = CultureInfo.CurrentCulture;
        CultureInfo beforeUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return DriftReport.ToHtml(result, s_options);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
            CultureInfo.CurrentUICulture = beforeUi;
        }
    }

    private static string Section(string html, string id)
    {
        int start = html.IndexOf($"<section id=\"{id}\">", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id}");
        int end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    private static string Row(string table, string column)
    {
        Match row = Regex.Match(table, $"<tr>(<td class=\"t name\">{Regex.Escape(column)}</td>.*?)</tr>");
        Assert.True(row.Success, $"no row for {column}");
        return row.Groups[1].Value;
    }

    private static string Figure(string charts, string column)
    {
        Match figure = Regex.Match(charts, $"<figure><h3>{Regex.Escape(column)}</h3>(.*?)</figure>");
        Assert.True(figure.Success, $"no chart for {column}");
        return figure.Groups[1].Value;
    }
}
