using QuickStart;
using QuickStart.Data;

namespace Ml.Sdk.Samples.Tests;

/// <summary>Runs the README's first command in a reduced size, so CI proves the story still works end to end.</summary>
public class QuickStartTests
{
    [Fact]
    public async Task RunAsync_ReducedSize_EveryChapterSucceeds()
    {
        using var output = new StringWriter();
        string dataDirectory = Directory.CreateTempSubdirectory("ml-sdk-quickstart-").FullName;

        int exitCode;
        try
        {
            exitCode = await QuickStartApp.RunAsync(
                ["--transactions", "20000", "--customers", "300", "--seed", "7", "--data-dir", dataDirectory], output);
            Assert.True(File.Exists(Path.Combine(dataDirectory, "registry.db")));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("Chapter 1 · Data (Ml.Sdk.Core, Ml.Sdk.FeatureStore)", text, StringComparison.Ordinal);
        Assert.Contains("customers materialized online; service fraud_v1/1 = customer_stats:mean_log_amount_7d, customer_stats:txn_count_7d, amount_vs_customer:log_amount_vs_customer", text, StringComparison.Ordinal);
        Assert.Matches(@"training set from the feature store \(fraud_v1, point-in-time, log_amount_vs_customer on demand\): 20,000 rows, [\d,]+ without a customer statistic; (\d+)/\1 sampled rows match", text);
        Assert.Contains("online features: fraud_v1 for 4,000 transactions in one read", text, StringComparison.Ordinal);
        Assert.Contains("lineage of fraud/2: feature views customer_stats v1; feature_service fraud_v1/1", text, StringComparison.Ordinal);
        Assert.Contains("20,000 transactions by 300 customers", text, StringComparison.Ordinal);
        long[] bins = BinCounts(text);
        Assert.Equal(10, bins.Length);
        Assert.Equal(20_000, bins.Sum());
        Assert.All(bins, count => Assert.InRange(count, 1_900, 2_100)); // equi-depth, up to ties in cent amounts
        Assert.DoesNotContain("CHECK FAILED", text, StringComparison.Ordinal);
        Assert.Contains("Chapter 2 · Tracking and registry (Ml.Sdk.Registry)", text, StringComparison.Ordinal);
        Assert.Contains("registered fraud/1 (rule.json", text, StringComparison.Ordinal);
        Assert.Contains("resolved fraud@champion -> fraud/1", text, StringComparison.Ordinal);
        Assert.Contains("Chapter 3 · Training (Ml.Sdk.Training)", text, StringComparison.Ordinal);
        Assert.Contains("registered fraud/2 (model.onnx", text, StringComparison.Ordinal);
        Assert.Contains("gate: PROMOTED", text, StringComparison.Ordinal);
        Assert.Contains("epoch  1/", text, StringComparison.Ordinal);
        Assert.Contains("Chapter 4 · Serving (Ml.Sdk.Serving)", text, StringComparison.Ordinal);
        Assert.Contains("serving fraud = fraud@champion -> v2 on cpu (dynamic batching, max 64 rows); health Healthy", text, StringComparison.Ordinal);
        Assert.Contains("64 callers scored 4,000 transactions one by one", text, StringComparison.Ordinal);
        Assert.Contains("Chapter 5 · Monitoring (Ml.Sdk.Monitoring)", text, StringComparison.Ordinal);
        Assert.Contains("ordinary month: 4,000 requests, 0/7 columns drifted, 0 drift or performance alert(s)", text, StringComparison.Ordinal);
        Assert.Contains("ALERT DataDrift: Model 'fraud':", text, StringComparison.Ordinal);
        Assert.Contains("ALERT PerformanceDegraded:", text, StringComparison.Ordinal);
        Assert.Contains("ALERT StreamingDrift: Model 'fraud': streaming detectors found a change since the last check: Adwin on log_amount_ratio", text, StringComparison.Ordinal);
        Assert.Contains("drift-report.html", text, StringComparison.Ordinal);
        Assert.Contains("QuickStart succeeded: 5/5 chapters", text, StringComparison.Ordinal);
    }

    private static long[] BinCounts(string text)
    {
        string line = text.Split('\n').Single(l => l.Contains("amount in 10 equi-depth bins:", StringComparison.Ordinal));
        return [.. line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => long.Parse(v, System.Globalization.NumberStyles.AllowThousands, System.Globalization.CultureInfo.InvariantCulture))];
    }

    [Fact]
    public async Task RunAsync_BadArguments_ExitsWithUsageError()
    {
        using var output = new StringWriter();

        int exitCode = await QuickStartApp.RunAsync(["--transactions", "many"], output);

        Assert.Equal(2, exitCode);
        Assert.Contains("--transactions needs a positive whole number", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_SameSeed_SameData()
    {
        TransactionTable a = new TransactionGenerator(11, 50).Generate(1000, TimeSpan.FromDays(3));
        TransactionTable b = new TransactionGenerator(11, 50).Generate(1000, TimeSpan.FromDays(3));
        TransactionTable c = new TransactionGenerator(12, 50).Generate(1000, TimeSpan.FromDays(3));

        Assert.Equal(a.Amount, b.Amount);
        Assert.Equal(a.Timestamp, b.Timestamp);
        Assert.NotEqual(a.Amount, c.Amount);
        Assert.True(a.Timestamp.Zip(a.Timestamp.Skip(1)).All(p => p.First <= p.Second), "event times are in order");
    }
}
