using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Live;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Reports;
using Ml.Sdk.Monitoring.Streaming;
using Ml.Sdk.Registry;
using Ml.Sdk.Serving;
using QuickStart.Data;

namespace QuickStart.Chapters;

/// <summary>
/// Chapter 5 · Monitoring. The payments service adds <c>services.AddMlMonitoring()</c> beside serving: the monitor reads
/// the reference profile registered next to the champion (chapter 3), watches every served inference (inputs and
/// logits) in a bounded window off the request path, and joins the fraud team's labels when they arrive days later.
/// A month of ordinary traffic raises nothing; then amounts inflate and a new merchant category appears: the monitor
/// raises one drift alert naming the shifted signals (and no more while the incident lasts), the delayed labels show
/// the accuracy drop, and the chapter writes <c>drift-report.html</c>.
/// </summary>
public static class MonitoringChapter
{
    private const int Callers = 64;

    public static async Task<ChapterReport> RunAsync(QuickStartOptions options, TransactionTable table, RuleBaseline baseline, CancellationToken cancellationToken)
    {
        var report = new ChapterReport("Chapter 5 · Monitoring (Ml.Sdk.Monitoring)");
        int start = TrainingChapter.ValidationStart(table.Count);
        int rows = table.Count - start;
        // Traffic arrives in time order, so the window must span whole days or hour of day itself "drifts": keep a month.
        int window = rows;
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Error);
        builder.Services.AddMlRegistry(o => o.RootPath = options.DataDirectory);
        builder.Services.AddMlServing(o =>
            {
                o.MaxBatchSize = 64;
                o.WaitForModelsOnStart = true;

                // 64 callers send a month of traffic in well under a second: size the observer queues for the burst
                // (both are bounded and drop, counting, rather than slow a request).
                o.ObserverQueueSize = 1 << 16;
            })
            .AddModel(ServingChapter.ServedName, m => m.FromRegistry(RegistryChapter.ModelName, "champion"));
        builder.Services.AddMlMonitoring(o => o.QueueCapacity = 1 << 16)
            .MonitorModel(ServingChapter.ServedName, m => m
                .UseReferenceProfile(LoadChampionProfileAsync)
                .MonitorInput("features", FraudFeatures.Names)
                .MonitorOutput("logits", FraudFeatures.OutputNames)
                .Window(window)
                .MinimumRows(Math.Min(1_000, window))
                .CheckEvery(TimeSpan.FromSeconds(2))
                .AlertCooldown(TimeSpan.FromMinutes(30))
                .TrackPerformance(PerformanceTask.BinaryClassification, "logits", column: 1, window: window, minAccuracy: 0.9, score: PerformanceScore.Softmax)
                .WatchColumn("log_amount_ratio", static () => new Adwin()))
            .AddAlertSink<CollectingAlertSink>();
        FraudFeatureStore.Define(builder.Services.AddMlFeatureStore(o => o.RootPath = QuickStartApp.FeatureRoot(options)));
        using IHost host = builder.Build();
        await host.StartAsync(cancellationToken);

        // Both months read the customer statistic from the online store as of go-live, as the serving chapter does.
        TransactionTable driftedTable = DriftedTraffic.Create(table, start, options.Seed);
        (double[] vsCustomer, _) = await FraudFeatureStore.OnlineAsync(host.Services, table, start, table.Timestamp[start], cancellationToken);
        (double[] driftedVsCustomer, _) = await FraudFeatureStore.OnlineAsync(host.Services, driftedTable, start, table.Timestamp[start], cancellationToken);
        (float[] features, long[] labels) = FraudFeatures.Compute(table, baseline.MedianAmount, vsCustomer);
        (float[] driftedFeatures, _) = FraudFeatures.Compute(driftedTable, baseline.MedianAmount, driftedVsCustomer);

        IModelClient fraud = host.Services.GetRequiredKeyedService<IModelClient>(ServingChapter.ServedName);
        IMonitoringService monitor = host.Services.GetRequiredService<IMonitoringService>();
        CollectingAlertSink alerts = host.Services.GetServices<IAlertSink>().OfType<CollectingAlertSink>().Single();
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"monitoring {ServingChapter.ServedName}: 5 inputs + 2 logits against {FraudReferenceProfile.FileName} of the champion; window {window:N0} rows, labels joined by request id"));

        // A month of ordinary traffic, then its labels.
        await ScoreAsync(fraud, monitor, features[(start * FraudFeatures.Count)..], rows, "n", expectedSampled: rows, cancellationToken);
        RecordLabels(monitor, labels, start, rows, "n");
        DatasetDriftResult before = (await monitor.CheckNowAsync(ServingChapter.ServedName, cancellationToken))!;
        PerformanceSnapshot performanceBefore = monitor.GetPerformance(ServingChapter.ServedName)!;
        int alertsBefore = alerts.Alerts.Count(a => a.Kind != AlertKind.StreamingDrift);
        long streamingBefore = monitor.GetStatus(ServingChapter.ServedName).StreamingDetections;
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"ordinary month: {rows:N0} requests, {before.DriftedColumnCount}/{before.TestedColumnCount} columns drifted, {alertsBefore} drift or performance alert(s); " +
            $"labelled accuracy {performanceBefore.Accuracy:P1}, F1 {performanceBefore.F1:F3}, AUC {performanceBefore.RocAuc:F3}"));

        // Next month the world moves; the monitor checks as traffic flows (and on its 2 s timer), and again later.
        await ScoreAsync(fraud, monitor, driftedFeatures[(start * FraudFeatures.Count)..], rows, "d", expectedSampled: 2L * rows, cancellationToken);
        DatasetDriftResult after = (await monitor.CheckNowAsync(ServingChapter.ServedName, cancellationToken))!;
        for (int i = 0; i < 3; i++)
        {
            after = (await monitor.CheckNowAsync(ServingChapter.ServedName, cancellationToken))!;
        }

        MonitoringAlert[] driftAlerts = [.. alerts.Alerts.Where(a => a.Kind == AlertKind.DataDrift)];
        string[] drifted = [.. after.Columns.Where(c => c.Drifted).Select(c => c.Column)];
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"drifted month (amounts x{DriftedTraffic.AmountFactor}, {DriftedTraffic.NewCategoryShare:P0} to new category '{DriftedTraffic.NewCategoryName}'): " +
            $"{after.DriftedColumnCount}/{after.TestedColumnCount} columns drifted after {monitor.GetStatus(ServingChapter.ServedName).Checks} checks"));
        foreach (ColumnDriftResult column in after.Columns)
        {
            report.Line(string.Create(CultureInfo.InvariantCulture,
                $"  {column.Column,-22} {column.Method,-17} score {column.Score,8:F4} (threshold {column.Threshold}) {(column.Drifted ? "DRIFTED" : "ok")}"));
        }

        foreach (MonitoringAlert alert in driftAlerts)
        {
            report.Line($"ALERT {alert.Kind}: {alert.Message}");
        }

        // The fraud team's labels for the drifted month arrive later.
        RecordLabels(monitor, labels, start, rows, "d");
        _ = await monitor.CheckNowAsync(ServingChapter.ServedName, cancellationToken);
        PerformanceSnapshot performanceAfter = monitor.GetPerformance(ServingChapter.ServedName)!;
        MonitoringAlert[] performanceAlerts = [.. alerts.Alerts.Where(a => a.Kind == AlertKind.PerformanceDegraded)];
        MonitoringAlert[] streamingAlerts = [.. alerts.Alerts.Where(a => a.Kind == AlertKind.StreamingDrift)];
        long streamingAfter = monitor.GetStatus(ServingChapter.ServedName).StreamingDetections;
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"ADWIN on log_amount_ratio, fed row by row: {streamingBefore} change(s) in the ordinary month{(streamingBefore > 0 ? " (the daily rhythm of time-ordered traffic: fraud, with its large amounts, clusters at night)" : "")}, {streamingAfter - streamingBefore} in the drifted month"));
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"labels for the drifted month: accuracy {performanceBefore.Accuracy:P1} -> {performanceAfter.Accuracy:P1}, F1 {performanceBefore.F1:F3} -> {performanceAfter.F1:F3}, " +
            $"AUC {performanceBefore.RocAuc:F3} -> {performanceAfter.RocAuc:F3}"));
        foreach (MonitoringAlert alert in streamingAlerts.Concat(performanceAlerts))
        {
            report.Line($"ALERT {alert.Kind}: {alert.Message}");
        }

        string reportPath = Path.GetFullPath(Path.Combine(options.DataDirectory, "drift-report.html"));
        ModelVersion champion = await host.Services.GetRequiredService<IModelRegistry>().ResolveAsync($"{RegistryChapter.ModelName}@champion", cancellationToken);
        await using (FileStream file = File.Create(reportPath))
        {
            await DriftReport.WriteHtmlAsync(after, file, new DriftReportOptions
            {
                Title = "Fraud model: drift in the payments service's traffic",
                ModelName = $"{ServingChapter.ServedName} ({champion.Name}@champion)",
                ModelVersion = champion.Version.ToString(CultureInfo.InvariantCulture),
                GeneratedAt = TimeProvider.System.GetUtcNow(),
            }, cancellationToken);
        }

        long reportBytes = new FileInfo(reportPath).Length;
        report.Line(string.Create(CultureInfo.InvariantCulture, $"drift report: {reportPath} ({reportBytes / 1024.0:F0} KiB)"));
        ModelMonitorStatus status = monitor.GetStatus(ServingChapter.ServedName);
        await host.StopAsync(cancellationToken);

        report.Check(before.TestedColumnCount == 7 && before.DriftedColumnCount == 0 && alertsBefore == 0, "ordinary traffic raises no drift and no alert");
        report.Check(drifted.Contains("log_amount_ratio") && drifted.Contains("risky_category") && !drifted.Contains("hour") && !drifted.Contains("night"),
            "the inflated amounts and the new category drift; hour of day and night do not");
        report.Check(driftAlerts.Length == 1, "the drift incident raised exactly one alert through every check");
        report.Check(streamingAfter > streamingBefore && streamingAlerts.Length >= 1, "the streaming detector catches the inflated amounts");
        report.Check(performanceAfter.Accuracy < performanceBefore.Accuracy - 0.05 && performanceAlerts.Length == 1, "the delayed labels show the accuracy drop, in one alert");
        report.Check(status.DroppedInferences == 0 && status.MatchedLabels == 2L * rows, "every inference was monitored and every label joined");
        report.Check(reportBytes is > 0 and < 200_000, "the report is written and its size does not grow with rows");
        return report;
    }

    private static async ValueTask<ReferenceProfile> LoadChampionProfileAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        IModelRegistry registry = services.GetRequiredService<IModelRegistry>();
        ModelVersion champion = await registry.ResolveAsync($"{RegistryChapter.ModelName}@champion", cancellationToken);
        await using Stream stored = await registry.OpenArtifactAsync(champion.Name, champion.Version, FraudReferenceProfile.FileName, cancellationToken);
        return await ReferenceProfile.ReadFromAsync(stored, cancellationToken);
    }

    private static async Task ScoreAsync(
        IModelClient fraud, IMonitoringService monitor, float[] rowMajor, int rows, string prefix, long expectedSampled, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            float[] logits = new float[2];
            for (int row = caller; row < rows; row += Callers)
            {
                _ = await fraud.InferAsync<float, float>(
                    rowMajor.AsMemory(row * FraudFeatures.Count, FraudFeatures.Count), logits,
                    new InferenceOptions { RequestId = RequestId(prefix, row) }, cancellationToken);
            }
        }, cancellationToken)));

        // Serving publishes inferences to observers from its own background queue: wait until the monitor has them all.
        DateTime deadline = DateTime.UtcNow.AddMinutes(1);
        while (monitor.GetStatus(ServingChapter.ServedName).SampledInferences < expectedSampled && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, cancellationToken);
        }
    }

    private static void RecordLabels(IMonitoringService monitor, long[] labels, int start, int rows, string prefix)
    {
        for (int row = 0; row < rows; row++)
        {
            monitor.RecordGroundTruth(ServingChapter.ServedName, RequestId(prefix, row), labels[start + row]);
        }
    }

    private static string RequestId(string prefix, int row) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{row}");
}
