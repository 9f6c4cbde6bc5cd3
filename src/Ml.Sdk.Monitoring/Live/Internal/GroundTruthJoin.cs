using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// Joins delayed ground truth with the predictions kept by request id, and keeps the latest labelled predictions for
/// the performance and fairness metrics. Every collection is bounded: waiting predictions by count and age, early
/// labels (those that arrive before their prediction has left the monitoring queue) by count and age, and the
/// labelled window by its size. Thread-safe.
/// </summary>
internal sealed class GroundTruthJoin
{
    private readonly Lock _gate = new();
    private readonly PerformanceSettings _settings;
    private readonly StreamWatch? _errors;
    private readonly int _maxPending;
    private readonly long _pendingLifetimeTicks;
    private readonly int _maxEarly;
    private readonly long _earlyLifetimeTicks;
    private readonly Dictionary<string, LinkedListNode<Entry>> _pending = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _pendingOrder = new();
    private readonly Dictionary<string, LinkedListNode<Entry>> _early = new(StringComparer.Ordinal);
    private readonly LinkedList<Entry> _earlyOrder = new();
    private readonly double[] _labels;
    private readonly double[] _scores;
    private readonly float[] _groups;
    private int _head;
    private int _count;
    private long _matched;
    private long _unmatched;
    private long _expired;

    public GroundTruthJoin(PerformanceSettings settings, MlMonitoringOptions options, StreamWatch? errors = null)
    {
        _settings = settings;
        _errors = errors;
        _maxPending = options.MaxPendingPredictions;
        _pendingLifetimeTicks = options.PendingPredictionLifetime.Ticks;
        _maxEarly = options.MaxEarlyGroundTruth;
        _earlyLifetimeTicks = options.EarlyGroundTruthLifetime.Ticks;
        _labels = new double[settings.Window];
        _scores = new double[settings.Window];
        _groups = new float[settings.Window];
    }

    public long Matched => Interlocked.Read(ref _matched);

    public long Unmatched => Interlocked.Read(ref _unmatched);

    public long Expired => Interlocked.Read(ref _expired);

    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Keeps a prediction until its label arrives, or joins it at once with a label that came first.</summary>
    public void AddPrediction(string requestId, double score, float group, long nowTicks)
    {
        lock (_gate)
        {
            ExpireLocked(nowTicks);
            if (_early.Remove(requestId, out LinkedListNode<Entry>? early))
            {
                _earlyOrder.Remove(early);
                AddMatchedLocked(early.Value.Value, score, group);
                return;
            }

            if (_pending.Remove(requestId, out LinkedListNode<Entry>? previous))
            {
                // A request id served twice: the later prediction is the one its label will describe.
                _pendingOrder.Remove(previous);
            }

            _pending[requestId] = _pendingOrder.AddLast(new Entry(requestId, score, group, nowTicks));
            while (_pending.Count > _maxPending)
            {
                RemoveFirst(_pending, _pendingOrder);
                _expired++;
            }
        }
    }

    /// <summary>Joins a label with its prediction, or holds it briefly for a prediction still in the queue.</summary>
    public void AddLabel(string requestId, double label, long nowTicks)
    {
        lock (_gate)
        {
            ExpireLocked(nowTicks);
            if (_pending.Remove(requestId, out LinkedListNode<Entry>? node))
            {
                _pendingOrder.Remove(node);
                AddMatchedLocked(label, node.Value.Value, node.Value.Group);
                return;
            }

            if (_maxEarly == 0)
            {
                _unmatched++;
                return;
            }

            if (_early.Remove(requestId, out LinkedListNode<Entry>? previous))
            {
                _earlyOrder.Remove(previous);
                _unmatched++;
            }

            _early[requestId] = _earlyOrder.AddLast(new Entry(requestId, label, float.NaN, nowTicks));
            while (_early.Count > _maxEarly)
            {
                RemoveFirst(_early, _earlyOrder);
                _unmatched++;
            }
        }
    }

    /// <summary>Computes the metrics over the labelled window.</summary>
    public PerformanceSnapshot Snapshot(string modelName, FairnessSettings? fairness, DateTimeOffset now)
    {
        double[] labels;
        double[] scores;
        float[] groups;
        int pending;
        lock (_gate)
        {
            ExpireLocked(now.UtcTicks);
            labels = new double[_count];
            scores = new double[_count];
            groups = new float[_count];
            for (int i = 0; i < _count; i++)
            {
                int index = (_head + i) % _labels.Length;
                labels[i] = _labels[index];
                scores[i] = _scores[index];
                groups[i] = _groups[index];
            }

            pending = _pending.Count;
        }

        int n = labels.Length;
        if (n == 0)
        {
            return new PerformanceSnapshot
            {
                ModelName = modelName,
                Task = _settings.Task,
                Timestamp = now,
                WindowSize = pending,
                MatchedCount = 0,
            };
        }

        if (_settings.Task == PerformanceTask.Regression)
        {
            return new PerformanceSnapshot
            {
                ModelName = modelName,
                Task = _settings.Task,
                Timestamp = now,
                WindowSize = n + pending,
                MatchedCount = n,
                Rmse = RegressionMetrics.Rmse(labels, scores),
            };
        }

        var predictions = new double[n];
        for (int i = 0; i < n; i++)
        {
            predictions[i] = PredictedClass(scores[i]);
        }

        double dpd = double.NaN;
        double eod = double.NaN;
        var groupCounts = new Dictionary<int, int>();
        if (fairness is not null)
        {
            (dpd, eod) = Fairness(labels, predictions, groups, groupCounts);
        }

        return new PerformanceSnapshot
        {
            ModelName = modelName,
            Task = _settings.Task,
            Timestamp = now,
            WindowSize = n + pending,
            MatchedCount = n,
            Accuracy = ClassificationMetrics.Accuracy(labels, predictions),
            F1 = ClassificationMetrics.F1(labels, predictions),
            RocAuc = ClassificationMetrics.RocAuc(labels, scores),
            DemographicParityDifference = dpd,
            EqualizedOddsDifference = eod,
            GroupCounts = groupCounts,
        };
    }

    private static (double Dpd, double Eod) Fairness(double[] labels, double[] predictions, float[] groups, Dictionary<int, int> groupCounts)
    {
        // The group id is the sensitive column's value itself when it is a whole number (a category code); rows whose
        // value is missing or fractional belong to no group and are left out of the fairness metrics.
        var keptLabels = new List<double>(labels.Length);
        var keptPredictions = new List<double>(labels.Length);
        var keptGroups = new List<int>(labels.Length);
        for (int i = 0; i < labels.Length; i++)
        {
            float value = groups[i];
            if (!float.IsFinite(value) || value != MathF.Floor(value) || value < int.MinValue || value > int.MaxValue)
            {
                continue;
            }

            int group = (int)value;
            keptLabels.Add(labels[i]);
            keptPredictions.Add(predictions[i]);
            keptGroups.Add(group);
            groupCounts[group] = groupCounts.GetValueOrDefault(group) + 1;
        }

        if (keptGroups.Count == 0)
        {
            return (double.NaN, double.NaN);
        }

        ReadOnlySpan<double> l = [.. keptLabels];
        ReadOnlySpan<double> p = [.. keptPredictions];
        ReadOnlySpan<int> g = [.. keptGroups];
        return (FairnessMetrics.DemographicParityDifference(p, g), FairnessMetrics.EqualizedOddsDifference(l, p, g));
    }

    private static void RemoveFirst(Dictionary<string, LinkedListNode<Entry>> map, LinkedList<Entry> order)
    {
        LinkedListNode<Entry> first = order.First!;
        order.RemoveFirst();
        map.Remove(first.Value.RequestId);
    }

    private void ExpireLocked(long nowTicks)
    {
        while (_pendingOrder.First is { } first && nowTicks - first.Value.Ticks > _pendingLifetimeTicks)
        {
            RemoveFirst(_pending, _pendingOrder);
            _expired++;
        }

        while (_earlyOrder.First is { } first && nowTicks - first.Value.Ticks > _earlyLifetimeTicks)
        {
            RemoveFirst(_early, _earlyOrder);
            _unmatched++;
        }
    }

    private double PredictedClass(double score) => score >= _settings.DecisionThreshold ? 1.0 : 0.0;

    private void AddMatchedLocked(double label, double score, float group)
    {
        // The error stream in label order, under this lock: one feeder at a time, as a detector needs.
        _errors?.Feed(PredictedClass(score) == label ? 0.0 : 1.0);
        int capacity = _labels.Length;
        int index = (_head + _count) % capacity;
        _labels[index] = label;
        _scores[index] = score;
        _groups[index] = group;
        if (_count < capacity)
        {
            _count++;
        }
        else
        {
            _head = (_head + 1) % capacity;
        }

        _matched++;
    }

    /// <summary>A waiting prediction (Value = score) or early label (Value = label).</summary>
    private readonly record struct Entry(string RequestId, double Value, float Group, long Ticks);
}
