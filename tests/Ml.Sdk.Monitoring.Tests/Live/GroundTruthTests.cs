using Microsoft.Extensions.Time.Testing;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Tests.Live.TestSupport;

namespace Ml.Sdk.Monitoring.Tests.Live;

public sealed class GroundTruthTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private MonitoringService Classifier(Action<Ml.Sdk.Monitoring.Live.ModelMonitorBuilder>? more = null, Action<MlMonitoringOptions>? options = null) =>
        TestMonitors.Create(m =>
        {
            m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("features", "x", "group").MonitorOutput("prob", "score").MinimumRows(1);
            m.TrackPerformance(PerformanceTask.BinaryClassification, "prob", 0, decisionThreshold: 0.5, window: 100);
            more?.Invoke(m);
        }, _time, options);

    private void Serve(MonitoringService service, string requestId, float score, float group = 0)
    {
        FloatTensorSet inputs = new FloatTensorSet().Add("features", [1f, group], 1, 2);
        FloatTensorSet outputs = new FloatTensorSet().Add("prob", [score], 1, 1);
        var inference = new InferenceEvent(TestMonitors.Model, "1", requestId, inputs, outputs, TimeSpan.Zero, _time.GetUtcNow());
        new MonitoringObserver(service).OnInference(in inference);
    }

    [Fact]
    public void GetPerformance_LabelsJoinedByRequestId_MatchAHandComputation()
    {
        using MonitoringService service = Classifier();
        float[] scores = [0.9f, 0.2f, 0.7f, 0.4f];
        double[] labels = [1, 0, 0, 1];
        for (int i = 0; i < scores.Length; i++)
        {
            Serve(service, "r" + i, scores[i]);
        }

        service.Ingest();
        // Labels in another order than the predictions: the join is by id, not by position.
        foreach (int i in new[] { 3, 1, 0, 2 })
        {
            service.RecordGroundTruth(TestMonitors.Model, "r" + i, labels[i]);
        }

        PerformanceSnapshot snapshot = service.GetPerformance(TestMonitors.Model)!;

        // Predicted classes (score >= 0.5): 1, 0, 1, 0 against labels 1, 0, 0, 1.
        Assert.Equal(4, snapshot.MatchedCount);
        Assert.Equal(0.5, snapshot.Accuracy, 12);   // sklearn.metrics.accuracy_score([1,0,0,1],[1,0,1,0])
        Assert.Equal(0.5, snapshot.F1, 12);         // sklearn.metrics.f1_score([1,0,0,1],[1,0,1,0]): tp 1, fp 1, fn 1
        Assert.Equal(0.75, snapshot.RocAuc, 12);    // sklearn.metrics.roc_auc_score([1,0,0,1],[.9,.2,.7,.4]): 3 of 4 pairs ordered
        Assert.True(double.IsNaN(snapshot.Rmse));
        Assert.Equal(4, service.GetStatus(TestMonitors.Model).MatchedLabels);
    }

    [Fact]
    public void GetPerformance_ManySeededPredictions_EqualsTheMetricsOnTheSameRows()
    {
        using MonitoringService service = Classifier();
        var random = new Random(42);
        var scores = new double[100];
        var labels = new double[100];
        for (int i = 0; i < 100; i++)
        {
            scores[i] = (float)random.NextDouble();
            labels[i] = random.NextDouble() < scores[i] ? 1 : 0;
            Serve(service, "q" + i, (float)scores[i]);
        }

        service.Ingest();
        for (int i = 0; i < 100; i++)
        {
            service.RecordGroundTruth(TestMonitors.Model, "q" + i, labels[i]);
        }

        PerformanceSnapshot snapshot = service.GetPerformance(TestMonitors.Model)!;
        double[] predicted = [.. scores.Select(static s => s >= 0.5 ? 1.0 : 0.0)];

        Assert.Equal(ClassificationMetrics.Accuracy(labels, predicted), snapshot.Accuracy, 12);
        Assert.Equal(ClassificationMetrics.F1(labels, predicted), snapshot.F1, 12);
        Assert.Equal(ClassificationMetrics.RocAuc(labels, scores), snapshot.RocAuc, 12);
        Assert.InRange(snapshot.RocAuc, 0.6, 1.0);
    }

    [Fact]
    public void GetPerformance_SoftmaxOverLogits_ScoresTheClassProbability()
    {
        using MonitoringService service = TestMonitors.Create(m => m
            .UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("features", "x", "group").MonitorOutput("logits", "legit", "fraud").MinimumRows(1)
            .TrackPerformance(PerformanceTask.BinaryClassification, "logits", 1, window: 10, score: PerformanceScore.Softmax), _time);
        // Logit pairs whose softmax at column 1 is 1/(1+e^-(b-a)): 0.881, 0.269, 0.5 (a tie counts as class 1), 0.018.
        float[][] logits = [[0f, 2f], [1f, 0f], [3f, 3f], [2f, -2f]];
        double[] labels = [1, 1, 0, 0];
        for (int i = 0; i < logits.Length; i++)
        {
            FloatTensorSet inputs = new FloatTensorSet().Add("features", [1f, 0f], 1, 2);
            FloatTensorSet outputs = new FloatTensorSet().Add("logits", logits[i], 1, 2);
            var inference = new InferenceEvent(TestMonitors.Model, "1", "s" + i, inputs, outputs, TimeSpan.Zero, _time.GetUtcNow());
            new MonitoringObserver(service).OnInference(in inference);
        }

        service.Ingest();
        for (int i = 0; i < labels.Length; i++)
        {
            service.RecordGroundTruth(TestMonitors.Model, "s" + i, labels[i]);
        }

        PerformanceSnapshot snapshot = service.GetPerformance(TestMonitors.Model)!;

        // Predicted 1, 0, 1, 0 against 1, 1, 0, 0; the probabilities order the pairs as the logit differences do.
        Assert.Equal(0.5, snapshot.Accuracy, 12);
        Assert.Equal(ClassificationMetrics.RocAuc(labels, [0.8808, 0.2689, 0.5, 0.0180]), snapshot.RocAuc, 12);
    }

    [Fact]
    public void GetPerformance_Regression_RmseOfTheJoinedRows()
    {
        using MonitoringService service = TestMonitors.Create(m =>
        {
            m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("features", "x", "group").MinimumRows(1);
            m.TrackPerformance(PerformanceTask.Regression, "prob", 0, window: 10);
        }, _time);
        Serve(service, "a", 1f);
        Serve(service, "b", 2f);
        Serve(service, "c", 3f);
        service.Ingest();
        service.RecordGroundTruth(TestMonitors.Model, "a", 1);
        service.RecordGroundTruth(TestMonitors.Model, "b", 2);
        service.RecordGroundTruth(TestMonitors.Model, "c", 5);

        PerformanceSnapshot snapshot = service.GetPerformance(TestMonitors.Model)!;

        Assert.Equal(Math.Sqrt(4.0 / 3.0), snapshot.Rmse, 12); // numpy.sqrt(numpy.mean((numpy.array([1,2,5])-[1,2,3])**2)) = 1.1547005383792515
        Assert.True(double.IsNaN(snapshot.Accuracy));
    }

    [Fact]
    public void RecordGroundTruth_BeforeItsPredictionIsIngested_WaitsAndJoins()
    {
        using MonitoringService service = Classifier();
        Serve(service, "early", 0.8f);

        // The prediction is still in the queue: the label waits for it.
        service.RecordGroundTruth(TestMonitors.Model, "early", 1);
        Assert.Equal(0, service.GetStatus(TestMonitors.Model).MatchedLabels);
        service.Ingest();

        Assert.Equal(1, service.GetStatus(TestMonitors.Model).MatchedLabels);
        Assert.Equal(1.0, service.GetPerformance(TestMonitors.Model)!.Accuracy);
    }

    [Fact]
    public void RecordGroundTruth_TooLateOrNeverServed_CountedAsExpiredAndUnmatched()
    {
        using MonitoringService service = Classifier(options: o =>
        {
            o.PendingPredictionLifetime = TimeSpan.FromMinutes(30);
            o.EarlyGroundTruthLifetime = TimeSpan.FromMinutes(1);
            o.MaxPendingPredictions = 3;
        });
        for (int i = 0; i < 5; i++)
        {
            Serve(service, "p" + i, 0.9f);
        }

        service.Ingest();
        Assert.Equal(3, service.GetStatus(TestMonitors.Model).PendingPredictions);
        Assert.Equal(2, service.GetStatus(TestMonitors.Model).ExpiredPredictions);

        service.RecordGroundTruth(TestMonitors.Model, "never-served", 1);
        _time.Advance(TimeSpan.FromMinutes(31));
        service.RecordGroundTruth(TestMonitors.Model, "p4", 1);

        var status = service.GetStatus(TestMonitors.Model);
        Assert.Equal(0, status.MatchedLabels);
        Assert.Equal(5, status.ExpiredPredictions);
        Assert.Equal(0, status.PendingPredictions);
        // "never-served" expired after a minute; "p4" now waits as an early label and will expire too.
        Assert.Equal(1, status.UnmatchedLabels);
        _time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(0, service.GetPerformance(TestMonitors.Model)!.MatchedCount);
        Assert.Equal(2, service.GetStatus(TestMonitors.Model).UnmatchedLabels);
    }

    [Fact]
    public void RecordGroundTruth_BadLabelOrUnknownModelOrNoTracking_ThrowsAndChangesNothing()
    {
        using MonitoringService service = Classifier();
        Serve(service, "r", 0.9f);
        service.Ingest();

        ArgumentException bad = Assert.Throws<ArgumentException>(() => service.RecordGroundTruth(TestMonitors.Model, "r", 0.5));
        Assert.Contains("0 or 1", bad.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => service.RecordGroundTruth("nope", "r", 1));
        Assert.Throws<ArgumentException>(() => service.RecordGroundTruth(TestMonitors.Model, "", 1));
        Assert.Equal(1, service.GetStatus(TestMonitors.Model).PendingPredictions);

        using MonitoringService untracked = TestMonitors.Create(m => m.UseReferenceProfile(TestMonitors.NoProfile).MonitorInput("features", "x"));
        Assert.Throws<InvalidOperationException>(() => untracked.RecordGroundTruth(TestMonitors.Model, "r", 1));
        Assert.Null(untracked.GetPerformance(TestMonitors.Model));
    }

    [Fact]
    public void GetPerformance_Fairness_DifferencesAcrossTheSensitiveColumnsGroups()
    {
        using MonitoringService service = Classifier(m => m.TrackFairness("group", 0.1, 0.1));
        // Group 0: labels 1,1,0,0 predicted 1,1,0,0. Group 1: labels 1,1,0,0 predicted 1,0,0,0.
        float[] scores0 = [0.9f, 0.8f, 0.1f, 0.2f];
        float[] scores1 = [0.9f, 0.3f, 0.1f, 0.2f];
        double[] labels = [1, 1, 0, 0];
        for (int i = 0; i < 4; i++)
        {
            Serve(service, "g0-" + i, scores0[i], group: 0);
            Serve(service, "g1-" + i, scores1[i], group: 1);
        }

        service.Ingest();
        for (int i = 0; i < 4; i++)
        {
            service.RecordGroundTruth(TestMonitors.Model, "g0-" + i, labels[i]);
            service.RecordGroundTruth(TestMonitors.Model, "g1-" + i, labels[i]);
        }

        PerformanceSnapshot snapshot = service.GetPerformance(TestMonitors.Model)!;

        // Selection rates 2/4 and 1/4; true-positive rates 1 and 1/2, false-positive rates 0 and 0.
        Assert.Equal(0.25, snapshot.DemographicParityDifference, 12); // fairlearn.metrics.demographic_parity_difference
        Assert.Equal(0.5, snapshot.EqualizedOddsDifference, 12);      // fairlearn.metrics.equalized_odds_difference: max(0.5, 0)
        Assert.Equal(4, snapshot.GroupCounts[0]);
        Assert.Equal(4, snapshot.GroupCounts[1]);
    }
}
