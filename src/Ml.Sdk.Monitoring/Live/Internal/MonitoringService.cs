using System.Collections.Frozen;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ml.Sdk.Monitoring.Alerts;
using Ml.Sdk.Monitoring.Alerts.Internal;
using Ml.Sdk.Monitoring.DependencyInjection.Internal;
using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Telemetry;
using Ml.Sdk.Monitoring.Telemetry.Internal;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// The live monitor: the models' state, the bounded queue between the observer and the background service, the
/// ingest into the windows, the drift and performance checks and their alerts.
/// </summary>
internal sealed class MonitoringService : IMonitoringService, IDisposable
{
    private readonly FrozenDictionary<string, MonitoredModel> _models;
    private readonly MonitoredModel[] _modelList;
    private readonly Channel<SampledInference> _queue;
    private readonly System.Collections.Concurrent.ConcurrentQueue<SampledInference> _pool = new();
    private readonly int _poolLimit;
    private readonly Lock _ingestGate = new();
    private readonly AlertDispatcher _alerts;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly MonitoringMetrics _metrics;
    private int _pooled;
    private int _initialized;

    public MonitoringService(
        IEnumerable<MonitoredModelRegistration> registrations,
        MlMonitoringOptions options,
        AlertDispatcher alerts,
        TimeProvider timeProvider,
        ILogger<MonitoringService>? logger = null,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(registrations);
        ArgumentNullException.ThrowIfNull(options);
        var builders = new Dictionary<string, ModelMonitorBuilder>(StringComparer.Ordinal);
        var order = new List<ModelMonitorBuilder>();
        foreach (MonitoredModelRegistration registration in registrations)
        {
            if (!builders.TryGetValue(registration.ModelName, out ModelMonitorBuilder? builder))
            {
                builder = new ModelMonitorBuilder(registration.ModelName);
                builders.Add(registration.ModelName, builder);
                order.Add(builder);
            }

            registration.Configure(builder);
        }

        var failures = new List<string>();
        var validated = new List<ModelMonitorSettings>(order.Count);
        foreach (ModelMonitorBuilder builder in order)
        {
            ModelMonitorSettings settings = builder.Build(failures);
            if (settings.Profile is not null)
            {
                settings.ValidateAgainst(settings.Profile, failures);
            }

            validated.Add(settings);
        }

        if (failures.Count != 0)
        {
            throw new OptionsValidationException(string.Join(", ", builders.Keys), typeof(ModelMonitorBuilder), failures);
        }

        var models = new List<MonitoredModel>(validated.Count);
        foreach (ModelMonitorSettings settings in validated)
        {
            models.Add(new MonitoredModel(settings, options));
        }

        _modelList = [.. models];
        _models = models.ToFrozenDictionary(static m => m.Name, StringComparer.Ordinal);
        _queue = Channel.CreateBounded<SampledInference>(new BoundedChannelOptions(options.QueueCapacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = false,
            SingleWriter = false,
        });
        // Enough buffers for a full queue, the one being written and the ones being ingested.
        _poolLimit = options.QueueCapacity + 64;
        _alerts = alerts ?? throw new ArgumentNullException(nameof(alerts));
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _metrics = new MonitoringMetrics(meterFactory, _modelList);
    }

    public IReadOnlyCollection<string> ModelNames => _models.Keys;

    internal IReadOnlyList<MonitoredModel> Models => _modelList;

    internal ChannelReader<SampledInference> Reader => _queue.Reader;

    /// <summary>Loads the reference profiles given as factories and checks every profile against its model's columns; once.</summary>
    public async Task InitializeAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _initialized) != 0)
        {
            return;
        }

        var failures = new List<string>();
        foreach (MonitoredModel model in _modelList)
        {
            if (model.Profile is null && model.Settings.ProfileFactory is { } factory)
            {
                ReferenceProfile profile = await factory(services, cancellationToken).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"Model '{model.Name}': the reference profile factory returned null.");
                model.Settings.ValidateAgainst(profile, failures);
                model.Profile = profile;
            }
        }

        if (failures.Count != 0)
        {
            throw new OptionsValidationException(string.Join(", ", ModelNames), typeof(ModelMonitorBuilder), failures);
        }

        foreach (MonitoredModel model in _modelList)
        {
            MonitoringLog.ModelMonitored(_logger, model.Name, model.Settings.ColumnCount, model.Profile!.RowCount, model.Settings.WindowRows, model.Settings.CheckInterval);
        }

        Volatile.Write(ref _initialized, 1);
    }

    public bool TryGetModel(string modelName, [NotNullWhen(true)] out MonitoredModel? model) => _models.TryGetValue(modelName, out model);

    public SampledInference Rent()
    {
        if (_pool.TryDequeue(out SampledInference? sample))
        {
            Interlocked.Decrement(ref _pooled);
            return sample;
        }

        return new SampledInference();
    }

    public void Recycle(SampledInference sample)
    {
        sample.Reset();
        if (Interlocked.Increment(ref _pooled) <= _poolLimit)
        {
            _pool.Enqueue(sample);
        }
        else
        {
            Interlocked.Decrement(ref _pooled);
        }
    }

    public bool TryEnqueue(SampledInference sample) => _queue.Writer.TryWrite(sample);

    /// <summary>Moves every queued sample into its model's window (and its prediction into the ground-truth join).</summary>
    public void Ingest()
    {
        lock (_ingestGate)
        {
            IngestLocked();
        }
    }

    public DatasetDriftResult? GetLatestDrift(string modelName) => Get(modelName).LatestDrift;

    public ValueTask<DatasetDriftResult?> CheckNowAsync(string modelName, CancellationToken cancellationToken = default) =>
        RunCheckAsync(Get(modelName), cancellationToken);

    public void RecordGroundTruth(string modelName, string requestId, double label)
    {
        MonitoredModel model = Get(modelName);
        ArgumentException.ThrowIfNullOrEmpty(requestId);
        if (model.Join is not { } join)
        {
            throw new InvalidOperationException($"Model '{modelName}' does not track performance; call TrackPerformance(...) when monitoring it.");
        }

        if (model.Settings.Performance!.Task == PerformanceTask.BinaryClassification ? label is not (0.0 or 1.0) : !double.IsFinite(label))
        {
            throw new ArgumentException(
                model.Settings.Performance.Task == PerformanceTask.BinaryClassification
                    ? $"The label of request '{requestId}' for model '{modelName}' is {label.ToString(CultureInfo.InvariantCulture)}; binary classification takes 0 or 1."
                    : $"The label of request '{requestId}' for model '{modelName}' is {label.ToString(CultureInfo.InvariantCulture)}; regression takes a finite number.",
                nameof(label));
        }

        join.AddLabel(requestId, label, _timeProvider.GetUtcNow().UtcTicks);
    }

    public PerformanceSnapshot? GetPerformance(string modelName)
    {
        MonitoredModel model = Get(modelName);
        if (model.Join is not { } join)
        {
            return null;
        }

        Ingest();
        PerformanceSnapshot snapshot = join.Snapshot(model.Name, model.Settings.Fairness, _timeProvider.GetUtcNow());
        model.LatestPerformance = snapshot;
        return snapshot;
    }

    public ModelMonitorStatus GetStatus(string modelName)
    {
        MonitoredModel model = Get(modelName);
        int rows;
        lock (_ingestGate)
        {
            rows = model.Window.Count;
        }

        return model.GetStatus(rows);
    }

    /// <summary>Runs one drift check (and the performance limits) for <paramref name="model"/>; a failure is logged and counted, then rethrown.</summary>
    public async ValueTask<DatasetDriftResult?> RunCheckAsync(MonitoredModel model, CancellationToken cancellationToken)
    {
        ReferenceProfile profile = model.Profile
            ?? throw new InvalidOperationException($"Model '{model.Name}': the reference profile is not loaded yet; the monitoring service loads it when the host starts.");
        await model.CheckGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            int rows;
            string? versions;
            DateTimeOffset now = _timeProvider.GetUtcNow();
            lock (_ingestGate)
            {
                IngestLocked();
                if (model.Settings.WindowSpan is TimeSpan span)
                {
                    model.Window.EvictOlderThan(now.UtcTicks - span.Ticks);
                }

                rows = model.Window.CopyTo(model.Scratch);
                versions = model.Window.DescribeVersions();
            }

            DatasetDriftResult? result = null;
            if (rows >= model.Settings.MinimumRows)
            {
                result = Detect(model, profile, rows, now);
                await AlertOnDriftAsync(model, result, versions, now, cancellationToken).ConfigureAwait(false);
            }

            await AlertOnStreamsAsync(model, versions, now, cancellationToken).ConfigureAwait(false);
            if (model.Join is not null)
            {
                await CheckPerformanceAsync(model, versions, now, cancellationToken).ConfigureAwait(false);
            }

            return result;
        }
        finally
        {
            model.CheckGate.Release();
        }
    }

    public void Dispose() => _metrics.Dispose();

    private DatasetDriftResult Detect(MonitoredModel model, ReferenceProfile profile, int rows, DateTimeOffset now)
    {
        KeyValuePair<string, object?> modelTag = new(MonitoringTelemetry.ModelTag, model.Name);
        using Activity? activity = MonitoringTelemetry.ActivitySource.StartActivity(MonitoringTelemetry.CheckActivityName);
        activity?.SetTag(MonitoringTelemetry.ModelTag, model.Name);
        activity?.SetTag("ml_sdk.monitoring.rows", rows);
        try
        {
            var dataset = new DriftDataset();
            string[] names = model.Settings.ColumnNames;
            for (int c = 0; c < names.Length; c++)
            {
                ReadOnlyMemory<float> values = model.Scratch[c].AsMemory(0, rows);
                if (profile.GetColumnKind(names[c]) == ColumnKind.Categorical)
                {
                    dataset.AddCategoricalCodes(names[c], values);
                }
                else
                {
                    dataset.AddNumeric(names[c], values);
                }
            }

            DatasetDriftResult result = DriftDetector.Detect(profile, dataset, model.Settings.DriftOptions);
            model.LatestDrift = result;
            model.CountCheck(now);
            _metrics.Checks.Add(1, modelTag);
            activity?.SetTag("ml_sdk.monitoring.drifted_columns", result.DriftedColumnCount);
            MonitoringLog.CheckCompleted(_logger, model.Name, result.DriftedColumnCount, result.TestedColumnCount, rows);
            return result;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            model.CountCheckFailure();
            _metrics.CheckFailures.Add(1, modelTag);
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            MonitoringLog.CheckFailed(_logger, ex, model.Name);
            throw;
        }
    }

    private async ValueTask AlertOnDriftAsync(MonitoredModel model, DatasetDriftResult result, string? versions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        bool raised = model.Settings.AlertCondition == DriftAlertCondition.DatasetDrifted ? result.DatasetDrifted : result.DriftedColumnCount > 0;
        if (!raised)
        {
            model.Cooldown.Clear(model.Name, AlertKind.DataDrift);
            return;
        }

        if (!model.Cooldown.TryEnter(model.Name, AlertKind.DataDrift, now))
        {
            return;
        }

        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (ColumnDriftResult column in result.Columns)
        {
            if (column.Drifted)
            {
                figures[column.Column] = column.Score;
            }
        }

        string message = string.Create(CultureInfo.InvariantCulture,
            $"Model '{model.Name}': {result.DriftedColumnCount} of {result.TestedColumnCount} column(s) drifted (share {result.DriftShare:0.###}, dataset drift: {(result.DatasetDrifted ? "yes" : "no")}): {string.Join(", ", figures.Keys)}.");
        await SendAsync(model, new MonitoringAlert
        {
            ModelName = model.Name,
            ModelVersion = versions,
            Kind = AlertKind.DataDrift,
            Message = message,
            Figures = figures,
            Timestamp = now,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask AlertOnStreamsAsync(MonitoredModel model, string? versions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (model.ColumnWatches.Length == 0 && model.ErrorWatch is null)
        {
            return;
        }

        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        var detectors = new List<string>();
        foreach (StreamWatch watch in model.ErrorWatch is { } errors ? [.. model.ColumnWatches, errors] : model.ColumnWatches)
        {
            long detections = watch.TakeUnreported();
            if (detections > 0)
            {
                figures[watch.Source] = detections;
                detectors.Add($"{watch.DetectorName} on {watch.Source} ({detections})");
            }
        }

        if (figures.Count == 0)
        {
            model.Cooldown.Clear(model.Name, AlertKind.StreamingDrift);
            return;
        }

        if (!model.Cooldown.TryEnter(model.Name, AlertKind.StreamingDrift, now))
        {
            return;
        }

        await SendAsync(model, new MonitoringAlert
        {
            ModelName = model.Name,
            ModelVersion = versions,
            Kind = AlertKind.StreamingDrift,
            Message = $"Model '{model.Name}': streaming detectors found a change since the last check: {string.Join(", ", detectors)}.",
            Figures = figures,
            Timestamp = now,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask CheckPerformanceAsync(MonitoredModel model, string? versions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        PerformanceSettings performance = model.Settings.Performance!;
        PerformanceSnapshot snapshot;
        try
        {
            snapshot = model.Join!.Snapshot(model.Name, model.Settings.Fairness, now);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            MonitoringLog.PerformanceCheckFailed(_logger, ex, model.Name);
            return;
        }

        model.LatestPerformance = snapshot;
        if (snapshot.MatchedCount < Math.Min(model.Settings.MinimumRows, performance.Window))
        {
            return;
        }

        var degraded = new Dictionary<string, double>(StringComparer.Ordinal);
        Below(degraded, "accuracy", snapshot.Accuracy, performance.MinAccuracy);
        Below(degraded, "f1", snapshot.F1, performance.MinF1);
        Below(degraded, "roc_auc", snapshot.RocAuc, performance.MinAuc);
        if (performance.MaxRmse is double maxRmse && snapshot.Rmse > maxRmse)
        {
            degraded["rmse"] = snapshot.Rmse;
        }

        await RaiseOrClearAsync(model, AlertKind.PerformanceDegraded, degraded, snapshot.MatchedCount, versions, now, cancellationToken).ConfigureAwait(false);
        if (model.Settings.Fairness is { } fairness)
        {
            var violated = new Dictionary<string, double>(StringComparer.Ordinal);
            if (snapshot.DemographicParityDifference > fairness.MaxDemographicParityDifference)
            {
                violated["demographic_parity_difference"] = snapshot.DemographicParityDifference;
            }

            if (snapshot.EqualizedOddsDifference > fairness.MaxEqualizedOddsDifference)
            {
                violated["equalized_odds_difference"] = snapshot.EqualizedOddsDifference;
            }

            await RaiseOrClearAsync(model, AlertKind.FairnessViolated, violated, snapshot.MatchedCount, versions, now, cancellationToken).ConfigureAwait(false);
        }

        static void Below(Dictionary<string, double> figures, string name, double value, double? limit)
        {
            if (limit is double min && value < min)
            {
                figures[name] = value;
            }
        }
    }

    private async ValueTask RaiseOrClearAsync(
        MonitoredModel model, AlertKind kind, Dictionary<string, double> figures, int labelled, string? versions, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (figures.Count == 0)
        {
            model.Cooldown.Clear(model.Name, kind);
            return;
        }

        if (!model.Cooldown.TryEnter(model.Name, kind, now))
        {
            return;
        }

        string what = kind == AlertKind.FairnessViolated ? "fairness limit(s) crossed" : "performance below its limit(s)";
        string message = string.Create(CultureInfo.InvariantCulture,
            $"Model '{model.Name}': {what} over {labelled} labelled prediction(s): {string.Join(", ", figures.Select(static f => FormattableString.Invariant($"{f.Key} {f.Value:0.####}")))}.");
        await SendAsync(model, new MonitoringAlert
        {
            ModelName = model.Name,
            ModelVersion = versions,
            Kind = kind,
            Message = message,
            Figures = figures,
            Timestamp = now,
        }, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask SendAsync(MonitoredModel model, MonitoringAlert alert, CancellationToken cancellationToken)
    {
        model.CountAlert();
        _metrics.Alerts.Add(1,
            new KeyValuePair<string, object?>(MonitoringTelemetry.ModelTag, model.Name),
            new KeyValuePair<string, object?>(MonitoringTelemetry.KindTag, alert.Kind.ToString()));
        // The dispatcher logs and counts a failing sink; the others still get the alert.
        await _alerts.DispatchAsync(alert, cancellationToken).ConfigureAwait(false);
    }

    private void IngestLocked()
    {
        long now = _timeProvider.GetUtcNow().UtcTicks;
        while (_queue.Reader.TryRead(out SampledInference? sample))
        {
            MonitoredModel model = sample.Model;
            int columns = model.Settings.ColumnCount;
            float[] values = sample.Values;
            for (int r = 0; r < sample.Rows; r++)
            {
                model.Window.Add(values.AsSpan(r * columns, columns), sample.TimestampTicks, sample.ModelVersion);
            }

            foreach (StreamWatch watch in model.ColumnWatches)
            {
                for (int r = 0; r < sample.Rows; r++)
                {
                    watch.Feed(values[(r * columns) + watch.Slot]);
                }
            }

            if (model.Settings.WindowSpan is TimeSpan span)
            {
                model.Window.EvictOlderThan(now - span.Ticks);
            }

            if (model.Join is { } join && sample.RequestId is { } requestId && !double.IsNaN(sample.Prediction))
            {
                int slot = model.Settings.SensitiveSlot;
                join.AddPrediction(requestId, sample.Prediction, slot >= 0 && sample.Rows > 0 ? values[slot] : float.NaN, now);
            }

            Recycle(sample);
        }
    }

    private MonitoredModel Get(string modelName)
    {
        ArgumentNullException.ThrowIfNull(modelName);
        return _models.TryGetValue(modelName, out MonitoredModel? model)
            ? model
            : throw new ArgumentException($"Model '{modelName}' is not monitored (monitored: {string.Join(", ", _models.Keys)}).", nameof(modelName));
    }
}
