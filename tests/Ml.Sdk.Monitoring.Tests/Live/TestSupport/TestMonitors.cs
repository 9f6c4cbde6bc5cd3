using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Alerts.Internal;
using Ml.Sdk.Monitoring.DependencyInjection.Internal;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Live;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Profiles;

namespace Ml.Sdk.Monitoring.Tests.Live.TestSupport;

/// <summary>Builds monitoring services without a host, and the events and reference data the tests feed them.</summary>
internal static class TestMonitors
{
    public const string Model = "m";

    public static MonitoringService Create(
        Action<ModelMonitorBuilder> configure,
        TimeProvider? timeProvider = null,
        Action<MlMonitoringOptions>? options = null,
        IAlertSink? sink = null,
        IMeterFactory? meterFactory = null)
    {
        var settings = new MlMonitoringOptions();
        options?.Invoke(settings);
        IAlertSink[] sinks = sink is null ? [] : [sink];
        return new MonitoringService(
            [new MonitoredModelRegistration(Model, configure)],
            settings,
            new AlertDispatcher(sinks, NullLogger<AlertDispatcher>.Instance),
            timeProvider ?? TimeProvider.System,
            NullLogger<MonitoringService>.Instance,
            meterFactory);
    }

    /// <summary>A profile factory that is never called before the service starts, so tests without a host need no real profile.</summary>
    public static ValueTask<ReferenceProfile> NoProfile(IServiceProvider services, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("Not loaded in this test.");

    /// <summary>Reference data: columns x ~ N(0, 1), y ~ N(5, 2), score ~ U(0, 1), seeded.</summary>
    public static ReferenceProfile ReferenceProfile(int rows = 2000, int seed = 1)
    {
        (float[] x, float[] y, float[] score) = Columns(rows, seed, shift: 0);
        return Ml.Sdk.Monitoring.Profiles.ReferenceProfile.Create(new DriftDataset().AddNumeric("x", x).AddNumeric("y", y).AddNumeric("score", score));
    }

    /// <summary>Rows like the reference, with x and y moved by <paramref name="shift"/> standard deviations.</summary>
    public static (float[] X, float[] Y, float[] Score) Columns(int rows, int seed, double shift)
    {
        var random = new Random(seed);
        var x = new float[rows];
        var y = new float[rows];
        var score = new float[rows];
        for (int i = 0; i < rows; i++)
        {
            x[i] = (float)(Normal(random) + shift);
            y[i] = (float)(5 + (2 * (Normal(random) + shift)));
            score[i] = (float)random.NextDouble();
        }

        return (x, y, score);
    }

    /// <summary>Publishes one single-row inference per row: input "features" [1, 3] = (x, unused, y), output "prob" [1, 1] = score.</summary>
    public static void Feed(IInferenceObserver observer, TimeProvider timeProvider, float[] x, float[] y, float[] score, string? requestIdPrefix = null)
    {
        float[] features = new float[3];
        float[] prob = new float[1];
        FloatTensorSet inputs = new FloatTensorSet().Add("features", features, 1, 3);
        FloatTensorSet outputs = new FloatTensorSet().Add("prob", prob, 1, 1);
        for (int i = 0; i < x.Length; i++)
        {
            features[0] = x[i];
            features[1] = -1;
            features[2] = y[i];
            prob[0] = score[i];
            var inference = new InferenceEvent(Model, "1", requestIdPrefix is null ? null : requestIdPrefix + i, inputs, outputs, TimeSpan.Zero, timeProvider.GetUtcNow());
            observer.OnInference(in inference);
        }
    }

    /// <summary>The usual monitoring of the features/prob model.</summary>
    public static void Standard(ModelMonitorBuilder m) =>
        m.MonitorInput("features", "x", null, "y").MonitorOutput("prob", "score");

    private static double Normal(Random random)
    {
        // Box–Muller: enough for seeded test data.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
