using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using Ml.Sdk.FeatureStore.Online;
using Ml.Sdk.Registry;
using Ml.Sdk.Serving;
using QuickStart.Data;

namespace QuickStart.Chapters;

/// <summary>
/// Chapter 4 · Serving. The payments service's own host adds <c>services.AddMlServing()</c> and serves
/// <c>fraud@champion</c> (the model chapter 3 promoted) with dynamic batching. 64 concurrent callers score the held-out
/// transactions one at a time, as card authorisations arrive; the chapter prints throughput, latency percentiles and
/// the batch sizes that formed, and checks that every answer came from the champion and equals a direct ONNX Runtime run.
/// How many requests share a batch depends on how many overlap: a request that finds the model idle runs at once on
/// its caller's thread, so a small run on two cores may form no batches at all (which is the right answer).
/// </summary>
public static class ServingChapter
{
    /// <summary>How many callers score at once.</summary>
    public const int Callers = 64;

    /// <summary>The name the model is served under.</summary>
    public const string ServedName = "fraud";

    public static async Task<ChapterReport> RunAsync(QuickStartOptions options, TransactionTable table, RuleBaseline baseline, CancellationToken cancellationToken)
    {
        var report = new ChapterReport("Chapter 4 · Serving (Ml.Sdk.Serving)");
        int start = TrainingChapter.ValidationStart(table.Count);
        int rows = table.Count - start;

        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMlRegistry(o => o.RootPath = options.DataDirectory);
        builder.Services.AddMlServing(o =>
            {
                o.MaxBatchSize = 64;
                o.WaitForModelsOnStart = true;
            })
            .AddModel(ServedName, m => m.FromRegistry(RegistryChapter.ModelName, "champion"));
        FraudFeatureStore.Define(builder.Services.AddMlFeatureStore(o => o.RootPath = QuickStartApp.FeatureRoot(options)));
        using IHost host = builder.Build();
        using var batches = new BatchSizeListener();
        await host.StartAsync(cancellationToken);

        // The customer statistic comes from the online store, read through fraud_v1 as of the moment the model goes
        // live (the first held-out transaction): the payments host replays that month.
        (double[] vsCustomer, OnlineFeatureBatch online) = await FraudFeatureStore.OnlineAsync(host.Services, table, start, table.Timestamp[start], cancellationToken);
        (float[] features, long[] labels) = FraudFeatures.Compute(table, baseline.MedianAmount, vsCustomer);
        float[] heldOut = features[(start * FraudFeatures.Count)..];
        int present = Enumerable.Range(0, online.Rows).Count(r => online.GetStatus(r, 0) == FeatureValueStatus.Present);
        report.Line($"online features: {FraudFeatureStore.Service} for {online.Rows:N0} transactions in one read (their amounts as request data for {FraudFeatureStore.OnDemandView}), {present:N0} with the customer statistic, {online.Rows - present:N0} missing or expired");
        report.Check(present > 0, "the online store serves the customer statistics");

        IModelClient fraud = host.Services.GetRequiredKeyedService<IModelClient>(ServedName);
        ServedModelStatus status = host.Services.GetRequiredService<IModelServer>().GetStatus(ServedName);
        HealthReport health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(cancellationToken);
        ModelVersion champion = await host.Services.GetRequiredService<IModelRegistry>().ResolveAsync($"{RegistryChapter.ModelName}@champion", cancellationToken);
        report.Line($"serving {ServedName} = {RegistryChapter.ModelName}@champion -> v{status.DefaultVersion} on {status.Versions[0].Device} " +
            $"({(status.Versions[0].IsBatched ? "dynamic batching, max 64 rows" : "unbatched")}); health {health.Status}");

        float[] logits = new float[rows * 2];
        long[] latencies = new long[rows];
        int[] servedBy = new int[rows];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Callers).Select(caller => Task.Run(async () =>
        {
            for (int row = caller; row < rows; row += Callers)
            {
                long began = Stopwatch.GetTimestamp();
                InferenceResult result = await fraud.InferAsync<float, float>(
                    heldOut.AsMemory(row * FraudFeatures.Count, FraudFeatures.Count), logits.AsMemory(row * 2, 2), cancellationToken: cancellationToken);
                latencies[row] = Stopwatch.GetTimestamp() - began;
                servedBy[row] = result.Version;
            }
        }, cancellationToken)));
        wall.Stop();

        Array.Sort(latencies);
        double p50 = Stopwatch.GetElapsedTime(0, latencies[rows / 2]).TotalMicroseconds;
        double p99 = Stopwatch.GetElapsedTime(0, latencies[Math.Min(rows - 1, (int)(rows * 0.99))]).TotalMicroseconds;
        int flagged = 0;
        int caught = 0;
        int frauds = 0;
        for (int i = 0; i < rows; i++)
        {
            bool isFlagged = logits[(i * 2) + 1] > logits[i * 2];
            flagged += isFlagged ? 1 : 0;
            frauds += (int)labels[start + i];
            caught += isFlagged && labels[start + i] == 1 ? 1 : 0;
        }

        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"{Callers} callers scored {rows:N0} transactions one by one in {wall.Elapsed.TotalMilliseconds:F0} ms: {rows / wall.Elapsed.TotalSeconds:N0} requests/s; " +
            $"latency p50 {p50:F0} µs, p99 {p99:F0} µs; {batches.Count:N0} batches, mean {batches.Mean:F1} rows (largest {batches.Max})"));
        report.Line(string.Create(CultureInfo.InvariantCulture,
            $"flagged {flagged:N0} ({100.0 * flagged / rows:F1} %), catching {caught:N0} of {frauds:N0} frauds"));

        double largestDifference = CompareWithDirectRun(await LocateModelAsync(host, champion, cancellationToken), heldOut, rows, logits);
        report.Line(string.Create(CultureInfo.InvariantCulture, $"served scores vs one direct ONNX Runtime run over the same rows: largest difference {largestDifference:E1}"));
        await host.StopAsync(cancellationToken);

        report.Check(health.Status == HealthStatus.Healthy, "the serving health check is ready");
        report.Check(Array.TrueForAll(servedBy, v => v == champion.Version), "every request was answered by the champion version");
        report.Check(largestDifference <= 1e-5, "batched serving gives the same scores as a direct run");
        return report;
    }

    private static Task<string> LocateModelAsync(IHost host, ModelVersion champion, CancellationToken cancellationToken) =>
        host.Services.GetRequiredService<IModelRegistry>().GetVerifiedArtifactPathAsync(champion.Name, champion.Version, "model.onnx", cancellationToken);

    private static double CompareWithDirectRun(string onnxPath, float[] rows, int count, float[] served)
    {
        using var session = new InferenceSession(onnxPath);
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [count, FraudFeatures.Count]);
        using var runOptions = new RunOptions();
        using IDisposableReadOnlyCollection<OrtValue> outputs = session.Run(runOptions, ["features"], [input], ["logits"]);
        ReadOnlySpan<float> direct = outputs[0].GetTensorDataAsSpan<float>();
        double largest = 0;
        for (int i = 0; i < direct.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(direct[i] - served[i]) / Math.Max(1, Math.Abs(direct[i])));
        }

        return largest;
    }

    /// <summary>Reads the batch sizes Serving reports on its meter, as an OpenTelemetry exporter would.</summary>
    private sealed class BatchSizeListener : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _count;
        private long _rows;
        private int _max;

        public BatchSizeListener()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ServingTelemetry.Name && instrument.Name == ServingTelemetry.BatchSizeInstrument)
                {
                    listener.EnableMeasurementEvents(instrument, this);
                }
            };
            _listener.SetMeasurementEventCallback<int>(static (_, rows, _, state) => ((BatchSizeListener)state!).Record(rows));
            _listener.Start();
        }

        public long Count => Interlocked.Read(ref _count);

        public double Mean => Count == 0 ? 0 : (double)Interlocked.Read(ref _rows) / Count;

        public int Max => Volatile.Read(ref _max);

        private void Record(int rows)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _rows, rows);
            int seen;
            while (rows > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, rows, seen) != seen)
            {
            }
        }

        public void Dispose() => _listener.Dispose();
    }
}
