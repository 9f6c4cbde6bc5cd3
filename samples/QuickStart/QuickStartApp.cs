using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Ml.Sdk.FeatureStore;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training;
using Ml.Sdk.Training.Promotion;
using QuickStart.Chapters;
using QuickStart.Data;

namespace QuickStart;

/// <summary>Runs the QuickStart story chapter by chapter and returns the process exit code.</summary>
public static class QuickStartApp
{
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        QuickStartOptions options;
        try
        {
            options = QuickStartOptions.Parse(args);
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync(ex.Message);
            return 2;
        }

        // The host a payments service already has; each Ml.Sdk package adds itself with one Add... call.
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddMlCore(builder.Configuration.GetSection("MlSdk:Core"));
        builder.Services.AddMlRegistry(o => o.RootPath = options.DataDirectory);
        builder.Services.AddMlTraining(builder.Configuration.GetSection("MlSdk:Training"));
        FraudFeatureStore.Define(builder.Services.AddMlFeatureStore(o => o.RootPath = FeatureRoot(options)));
        using IHost host = builder.Build();
        await host.StartAsync();

        var total = Stopwatch.StartNew();
        var reports = new List<ChapterReport>();
        var clock = Stopwatch.StartNew();
        reports.Add(DataChapter.Run(options, out TransactionTable table, out RuleBaseline baseline));
        await DataChapter.StoreFeaturesAsync(host.Services.GetRequiredService<IFeatureStore>(), table, reports[^1], CancellationToken.None);
        await PrintAsync(output, reports[^1], clock.Elapsed);

        clock.Restart();
        reports.Add(await RegistryChapter.RunAsync(
            host.Services.GetRequiredService<IExperimentTracker>(), host.Services.GetRequiredService<IModelRegistry>(), table, baseline, CancellationToken.None));
        await PrintAsync(output, reports[^1], clock.Elapsed);

        clock.Restart();
        await output.WriteLineAsync("Chapter 3 · Training (Ml.Sdk.Training): fitting…");
        reports.Add(await TrainingChapter.RunAsync(
            host.Services.GetRequiredService<Trainer>(), host.Services.GetRequiredService<ModelPromotionGate>(),
            host.Services.GetRequiredService<IModelRegistry>(), host.Services.GetRequiredService<IFeatureStore>(), table, baseline, options, output, CancellationToken.None));
        await PrintAsync(output, reports[^1], clock.Elapsed);

        clock.Restart();
        reports.Add(await ServingChapter.RunAsync(options, table, baseline, CancellationToken.None));
        await PrintAsync(output, reports[^1], clock.Elapsed);

        clock.Restart();
        reports.Add(await MonitoringChapter.RunAsync(options, table, baseline, CancellationToken.None));
        await PrintAsync(output, reports[^1], clock.Elapsed);

        await host.StopAsync();
        bool succeeded = reports.TrueForAll(r => r.Succeeded);
        await output.WriteLineAsync($"Data folder: {Path.GetFullPath(options.DataDirectory)}");
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"QuickStart {(succeeded ? "succeeded" : "FAILED")}: {reports.Count(r => r.Succeeded)}/{reports.Count} chapters in {total.Elapsed.TotalSeconds:F1} s"));
        return succeeded ? 0 : 1;
    }

    /// <summary>Where the feature store keeps its offline (DuckDB) and online (SQLite) data.</summary>
    public static string FeatureRoot(QuickStartOptions options) => Path.Combine(options.DataDirectory, "features");

    private static async Task PrintAsync(TextWriter output, ChapterReport report, TimeSpan elapsed)
    {
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{report.Title} [{elapsed.TotalSeconds:F1} s]"));
        foreach (string line in report.Lines)
        {
            await output.WriteLineAsync("  " + line);
        }

        foreach (string failure in report.Failures)
        {
            await output.WriteLineAsync("  CHECK FAILED: " + failure);
        }
    }
}
