using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Live;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Tests.Live.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.DependencyInjection;

public sealed class MlMonitoringServiceCollectionExtensionsTests
{
    private static async Task<Exception> StartFailureAsync(Action<IServiceCollection> configure)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        configure(builder.Services);
        using IHost host = builder.Build();
        return await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
    }

    [Fact]
    public async Task AddMlMonitoring_CalledTwice_OneServiceOneObserverOneHostedServiceOneLoggingSink()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlMonitoring().MonitorModel("a", static m => m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("in", "x"));
        services.AddMlMonitoring(static o => o.QueueCapacity = 16).AddAlertSink<RecordingAlertSink>().AddAlertSink<RecordingAlertSink>();
        await using ServiceProvider provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

        Assert.Single(services, static d => d.ServiceType == typeof(MonitoringService));
        Assert.IsType<MonitoringObserver>(Assert.Single(provider.GetServices<IInferenceObserver>()));
        Assert.Single(provider.GetServices<IHostedService>().OfType<MonitoringHostedService>());
        IAlertSink[] sinks = [.. provider.GetServices<IAlertSink>()];
        Assert.Equal(2, sinks.Length);
        Assert.Single(sinks.OfType<LoggingAlertSink>());
        Assert.Single(sinks.OfType<RecordingAlertSink>());
        Assert.Same(provider.GetRequiredService<IMonitoringService>(), provider.GetRequiredService<MonitoringService>());
        Assert.True(provider.GetRequiredService<InferencePublisher>().HasObservers);
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.Equal(16, provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value.QueueCapacity);
        Assert.Equal(["a"], provider.GetRequiredService<IMonitoringService>().ModelNames);
    }

    [Fact]
    public async Task AddMlMonitoring_ConfigurationSection_BindsTheOptions()
    {
        IConfiguration section = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["M:QueueCapacity"] = "32",
                ["M:MaxPendingPredictions"] = "7",
                ["M:PendingPredictionLifetime"] = "00:10:00",
                ["M:MaxEarlyGroundTruth"] = "3",
                ["M:EarlyGroundTruthLifetime"] = "00:00:30",
            })
            .Build()
            .GetSection("M");
        var services = new ServiceCollection();
        services.AddMlMonitoring(section);
        await using ServiceProvider provider = services.BuildServiceProvider();

        MlMonitoringOptions options = provider.GetRequiredService<IOptions<MlMonitoringOptions>>().Value;

        Assert.Equal(32, options.QueueCapacity);
        Assert.Equal(7, options.MaxPendingPredictions);
        Assert.Equal(TimeSpan.FromMinutes(10), options.PendingPredictionLifetime);
        Assert.Equal(3, options.MaxEarlyGroundTruth);
        Assert.Equal(TimeSpan.FromSeconds(30), options.EarlyGroundTruthLifetime);
    }

    [Fact]
    public async Task AddMlMonitoring_BadOptions_StartFailsNamingEachOption()
    {
        Exception error = await StartFailureAsync(static s => s.AddMlMonitoring(static o =>
        {
            o.QueueCapacity = 0;
            o.MaxPendingPredictions = -1;
            o.PendingPredictionLifetime = TimeSpan.Zero;
            o.EarlyGroundTruthLifetime = TimeSpan.FromSeconds(-1);
        }));

        OptionsValidationException validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(validation.Failures, static f => f.Contains("QueueCapacity", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, static f => f.Contains("MaxPendingPredictions", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, static f => f.Contains("PendingPredictionLifetime", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, static f => f.Contains("EarlyGroundTruthLifetime", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MonitorModel_BadSettings_StartFailsNamingEachOne()
    {
        Exception error = await StartFailureAsync(static s => s.AddMlMonitoring().MonitorModel("fraud", static m => m
            .MonitorInput("", "a", "a")
            .SampleRate(1.5)
            .Window(TimeSpan.Zero, 0)
            .CheckEvery(TimeSpan.Zero)
            .MinimumRows(0)
            .AlertCooldown(TimeSpan.FromSeconds(-1))
            .Drift(static d => d.PValueThreshold = 2)
            .TrackPerformance(PerformanceTask.Regression, "", -1, window: 0, minAccuracy: 2)
            .TrackFairness("zip", 2, -1)
            .WatchColumn("nope", static () => new Ml.Sdk.Monitoring.Streaming.Adwin())
            .WatchErrors(static () => new Ml.Sdk.Monitoring.Streaming.Ddm())));

        OptionsValidationException validation = Assert.IsType<OptionsValidationException>(error);
        string[] expected =
        [
            "WatchColumn names 'nope'", "WatchErrors needs TrackPerformance(PerformanceTask.BinaryClassification",
            "no reference profile", "empty tensor name", "'a' is monitored twice", "SampleRate is 1.5", "Window rows is 0",
            "Window span", "CheckEvery", "MinimumRows is 0", "AlertCooldown", "PValueThreshold", "TrackPerformance has an empty output",
            "column is -1", "window is 0", "minAccuracy is 2", "takes maxRmse only", "maxDemographicParityDifference is 2",
            "maxEqualizedOddsDifference is -1", "needs TrackPerformance(PerformanceTask.BinaryClassification", "'zip' is not a column",
        ];
        foreach (string fragment in expected)
        {
            Assert.Contains(validation.Failures, f => f.Contains(fragment, StringComparison.Ordinal) && f.StartsWith("Model 'fraud'", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task MonitorModel_ColumnNotInTheProfile_StartFailsNamingTheColumn()
    {
        Exception error = await StartFailureAsync(static s => s.AddMlMonitoring().MonitorModel("fraud", static m => m
            .UseReferenceProfile(static (_, _) => ValueTask.FromResult(TestMonitors.ReferenceProfile(rows: 50)))
            .MonitorInput("features", "x", "income")
            .Drift(static d => d.Columns["age"] = new Ml.Sdk.Monitoring.Drift.ColumnDriftOptions())));

        OptionsValidationException validation = Assert.IsType<OptionsValidationException>(error);
        Assert.Contains(validation.Failures, static f => f.Contains("'income' is not in the reference profile", StringComparison.Ordinal));
        Assert.Contains(validation.Failures, static f => f.Contains("override column 'age'", StringComparison.Ordinal));
        Assert.DoesNotContain(validation.Failures, static f => f.Contains("'x'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddWebhookAlerts_NoUrl_StartFailsAndWithOneRegistersTheSinkOnce()
    {
        Exception error = await StartFailureAsync(static s => s.AddMlMonitoring().AddWebhookAlerts(static o => o.MaxAttempts = 2));
        Assert.Contains("Url", Assert.IsType<OptionsValidationException>(error).Message, StringComparison.Ordinal);

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddMlMonitoring().AddWebhookAlerts(static o => o.Url = new Uri("http://127.0.0.1:9/alerts"));
        services.AddMlMonitoring().AddWebhookAlerts(static o => o.MaxAttempts = 5);
        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.Single(provider.GetServices<IAlertSink>().OfType<WebhookAlertSink>());
        WebhookAlertOptions options = provider.GetRequiredService<IOptions<WebhookAlertOptions>>().Value;
        Assert.Equal(new Uri("http://127.0.0.1:9/alerts"), options.Url);
        Assert.Equal(5, options.MaxAttempts);
    }

    [Fact]
    public void MonitorModel_EmptyNameOrNullConfigure_Throws()
    {
        IMlMonitoringBuilder builder = new ServiceCollection().AddMlMonitoring();

        Assert.ThrowsAny<ArgumentException>(() => builder.MonitorModel(" ", static _ => { }));
        Assert.Throws<ArgumentNullException>(() => builder.MonitorModel("m", null!));
    }
}
