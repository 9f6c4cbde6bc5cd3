using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Tests.Live.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.Live;

public sealed class MonitoringObserverTests
{
    private static readonly FakeTimeProvider s_time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static long SampledWith(double rate, int seed, int events)
    {
        using MonitoringService service = TestMonitors.Create(m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(TestMonitors.NoProfile).SampleRate(rate, seed).Window(events).MinimumRows(1);
        }, s_time, o => o.QueueCapacity = events);
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(events, 3, 0);
        TestMonitors.Feed(new MonitoringObserver(service), s_time, x, y, score);
        return service.GetStatus(TestMonitors.Model).SampledInferences;
    }

    [Fact]
    public void OnInference_SampleRateWithSeed_KeepsAboutTheRateAndTheSameRequestsEveryRun()
    {
        long first = SampledWith(0.25, seed: 7, events: 4000);
        long again = SampledWith(0.25, seed: 7, events: 4000);

        // Binomial(4000, 0.25): mean 1000, standard deviation 27; ±150 is more than five deviations.
        Assert.InRange(first, 850, 1150);
        Assert.Equal(first, again);
        Assert.Equal(4000, SampledWith(1.0, seed: 7, events: 4000));
        Assert.InRange(SampledWith(0.01, seed: 7, events: 4000), 10, 80);
    }

    [Fact]
    public void OnInference_SameSeed_SamplesTheSameRowsAndAnotherSeedOthers()
    {
        float[] Window(int seed)
        {
            using MonitoringService service = TestMonitors.Create(m =>
            {
                TestMonitors.Standard(m);
                m.UseReferenceProfile(TestMonitors.NoProfile).SampleRate(0.5, seed).Window(1000).MinimumRows(1);
            }, s_time);
            float[] x = [.. Enumerable.Range(0, 200).Select(static i => (float)i)];
            TestMonitors.Feed(new MonitoringObserver(service), s_time, x, x, x);
            service.Ingest();
            SampleWindow window = service.Models[0].Window;
            return [.. Enumerable.Range(0, window.Count).Select(r => window.Get(0, r))];
        }

        Assert.Equal(Window(11), Window(11));
        Assert.NotEqual(Window(11), Window(12));
    }

    [Fact]
    public void OnInference_BatchOfRows_CopiesTheNamedColumnsOfEveryRowInOrder()
    {
        using MonitoringService service = TestMonitors.Create(m =>
            m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("in", "a", null, "c").MonitorOutput("out", "score").MinimumRows(1), s_time);
        FloatTensorSet inputs = new FloatTensorSet().Add("other", [9f], 1).Add("in", [1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        FloatTensorSet outputs = new FloatTensorSet().Add("out", [0.1f, 0.9f], 2, 1);
        var inference = new InferenceEvent(TestMonitors.Model, "3", "r1", inputs, outputs, TimeSpan.Zero, s_time.GetUtcNow());

        new MonitoringObserver(service).OnInference(in inference);
        service.Ingest();

        SampleWindow window = service.Models[0].Window;
        Assert.Equal(2, window.Count);
        Assert.Equal([1f, 4f], [window.Get(0, 0), window.Get(0, 1)]);
        Assert.Equal([3f, 6f], [window.Get(1, 0), window.Get(1, 1)]);
        Assert.Equal([0.1f, 0.9f], [window.Get(2, 0), window.Get(2, 1)]);
        Assert.Equal("3", window.DescribeVersions());
        Assert.Equal(2, service.GetStatus(TestMonitors.Model).SampledRows);
    }

    [Fact]
    public void OnInference_UnknownModelOrMissingTensorOrNarrowTensor_IgnoredOrCountedAsUnreadable()
    {
        using MonitoringService service = TestMonitors.Create(m =>
            m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("in", "a", "b").MinimumRows(1), s_time);
        var observer = new MonitoringObserver(service);
        FloatTensorSet empty = new();
        FloatTensorSet narrow = new FloatTensorSet().Add("in", [1f], 1, 1);

        var otherModel = new InferenceEvent("other", "1", null, narrow, empty, TimeSpan.Zero, s_time.GetUtcNow());
        var missing = new InferenceEvent(TestMonitors.Model, "1", null, empty, empty, TimeSpan.Zero, s_time.GetUtcNow());
        var tooNarrow = new InferenceEvent(TestMonitors.Model, "1", null, narrow, empty, TimeSpan.Zero, s_time.GetUtcNow());
        observer.OnInference(in otherModel);
        observer.OnInference(in missing);
        observer.OnInference(in tooNarrow);
        service.Ingest();

        var status = service.GetStatus(TestMonitors.Model);
        Assert.Equal(2, status.UnreadableInferences);
        Assert.Equal(0, status.SampledInferences);
        Assert.Equal(0, status.WindowRows);
    }

    [Fact]
    public void OnInference_QueueFull_DropsAndCountsWithoutBlocking()
    {
        using MonitoringService service = TestMonitors.Create(m =>
        {
            TestMonitors.Standard(m);
            m.UseReferenceProfile(TestMonitors.NoProfile).MinimumRows(1);
        }, s_time, o => o.QueueCapacity = 4);
        (float[] x, float[] y, float[] score) = TestMonitors.Columns(10, 5, 0);

        // Nobody drains the queue: a blocking observer would hang this test forever.
        TestMonitors.Feed(new MonitoringObserver(service), s_time, x, y, score);

        var status = service.GetStatus(TestMonitors.Model);
        Assert.Equal(4, status.SampledInferences);
        Assert.Equal(6, status.DroppedInferences);
        Assert.Equal(6, service.Models[0].DroppedRows);
        service.Ingest();
        Assert.Equal(4, service.GetStatus(TestMonitors.Model).WindowRows);
        Assert.Equal([x[0], x[1], x[2], x[3]], Enumerable.Range(0, 4).Select(r => service.Models[0].Window.Get(0, r)));
    }

    [Fact]
    public void OnInference_SteadyState_AllocatesNothingPerSampledInference()
    {
        using MonitoringService service = TestMonitors.Create(m =>
        {
            m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("features", "x", null, "y").MonitorOutput("prob", "score").SampleRate(0.5, 3).MinimumRows(1);
            m.TrackPerformance(Ml.Sdk.Monitoring.Performance.PerformanceTask.BinaryClassification, "prob", 0);
        }, s_time, o => o.QueueCapacity = 16);
        var observer = new MonitoringObserver(service);
        float[] features = [1f, 2f, 3f, 4f, 5f, 6f];
        float[] prob = [0.3f, 0.6f];
        FloatTensorSet inputs = new FloatTensorSet().Add("features", features, 2, 3);
        FloatTensorSet outputs = new FloatTensorSet().Add("prob", prob, 2, 1);
        DateTimeOffset timestamp = s_time.GetUtcNow();

        void Run(int count)
        {
            for (int i = 0; i < count; i++)
            {
                var inference = new InferenceEvent(TestMonitors.Model, "1", "request-id", inputs, outputs, TimeSpan.Zero, timestamp);
                observer.OnInference(in inference);

                // Stand in for the background service, on this thread: take the sample and return its buffer.
                while (service.Reader.TryRead(out SampledInference? sample))
                {
                    service.Recycle(sample);
                }
            }
        }

        Run(1000);

        // Tiered compilation may promote Run's loop while it runs, which allocates on this thread once; an allocation
        // of the observer's own would show in every attempt, so the fewest bytes over up to three attempts is measured.
        long allocated = long.MaxValue;
        int fed = 1000;
        for (int attempt = 0; attempt < 3 && allocated != 0; attempt++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(10_000);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            fed += 10_000;
        }

        Assert.Equal(0, allocated);
        Assert.InRange(service.GetStatus(TestMonitors.Model).SampledInferences, fed * 4000L / 11_000, fed * 7000L / 11_000);
    }
}
