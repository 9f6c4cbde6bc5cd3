using System.Text;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Reports;
using static Ml.Sdk.Monitoring.Tests.Reports.TestSupport.SampleDriftResults;

namespace Ml.Sdk.Monitoring.Tests.Reports;

public sealed class DriftReportSizeTests
{
    [Fact]
    public void ToHtml_ThousandVersusTenMillionRows_SameSizeWithinTheDigitsOfTheCounts()
    {
        int small = Size(Scaled(1_000));
        int large = Size(Scaled(10_000_000));

        // Only the printed counts differ: "1,000" against "10,000,000" is 5 more characters for each of the two row
        // counts and the 2 × 3 value counts; raw values embedded would add megabytes.
        Assert.Equal(8 * 5, large - small);
    }

    [Fact]
    public void ToHtml_FiftyColumnsWithThousandsOfCategories_StaysBounded()
    {
        int thousands = Size(FiftyColumns(categoriesPerColumn: 5_000, unseenPerColumn: 1_000));
        int fifty = Size(FiftyColumns(categoriesPerColumn: 50, unseenPerColumn: 10));

        // Measured 389 kB: 25 charts of 5 bins and 25 charts folded to 20 groups, under 10 kB per column.
        Assert.InRange(thousands, 50 * 2_000, 50 * 10_000);
        // A hundred times the categories and unseen labels cost at most a tick line and a few digits per column.
        Assert.InRange(thousands - fifty, 0, 50 * 200);
    }

    private static DatasetDriftResult FiftyColumns(int categoriesPerColumn, int unseenPerColumn)
    {
        var columns = new ColumnDriftResult[50];
        string[] categories = [.. Enumerable.Range(0, categoriesPerColumn).Select(i => $"category-{i}")];
        double[] shares = [.. Enumerable.Repeat(1.0 / categoriesPerColumn, categoriesPerColumn)];
        string[] unseen = [.. Enumerable.Range(0, unseenPerColumn).Select(i => $"new-{i}")];
        for (int i = 0; i < columns.Length; i++)
        {
            columns[i] = i % 2 == 0
                ? Numeric($"numeric-{i}", DriftMethod.WassersteinNormed, score: i / 100.0, drifted: i > 25)
                : Categorical($"categorical-{i}", categories, shares, shares, score: 0.05, drifted: false, unseen: unseen);
        }

        return Dataset(10_000_000, 10_000_000, columns);
    }

    private static DatasetDriftResult Scaled(long rows) => Dataset(
        rows,
        rows,
        Numeric("age", DriftMethod.KolmogorovSmirnov, score: 0.0012, drifted: true, referenceCount: rows, currentCount: rows),
        Numeric("income", DriftMethod.WassersteinNormed, score: 0.034, drifted: false, referenceCount: rows, currentCount: rows),
        Categorical("plan", ["free", "pro"], [0.5, 0.5], [0.4, 0.6], score: 0.21, drifted: true, referenceCount: rows, currentCount: rows));

    private static int Size(DatasetDriftResult result) => Encoding.UTF8.GetByteCount(DriftReport.ToHtml(result));
}
