using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Live.Internal;
using Ml.Sdk.Monitoring.Performance;
using Ml.Sdk.Monitoring.Profiles;
using Ml.Sdk.Monitoring.Streaming;

namespace Ml.Sdk.Monitoring.Live;

/// <summary>
/// Configures the monitoring of one served model: its reference profile, which input and output columns are watched,
/// sampling, windows, checks, alerts, and performance and fairness once ground truth arrives. Passed to
/// <see cref="IMlMonitoringBuilder.MonitorModel"/>; every setting is validated when the host starts, and every
/// problem is reported at once.
/// </summary>
public sealed class ModelMonitorBuilder
{
    private readonly List<MonitoredTensor> _inputs = [];
    private readonly List<MonitoredTensor> _outputs = [];
    private readonly DriftOptions _drift = new();
    private ReferenceProfile? _profile;
    private Func<IServiceProvider, CancellationToken, ValueTask<ReferenceProfile>>? _profileFactory;
    private double _sampleRate = 1.0;
    private int _seed;
    private int _windowRows = 5000;
    private TimeSpan? _windowSpan;
    private TimeSpan _checkInterval = TimeSpan.FromMinutes(1);
    private int _minimumRows = 100;
    private DriftAlertCondition _alertCondition = DriftAlertCondition.AnyColumnDrifted;
    private TimeSpan _cooldown = TimeSpan.FromMinutes(30);
    private PerformanceSettings? _performance;
    private FairnessSettings? _fairness;
    private readonly List<(string Column, Func<IStreamingDriftDetector> Create)> _columnWatches = [];
    private Func<IStreamingDriftDetector>? _errorWatch;

    internal ModelMonitorBuilder(string modelName)
    {
        ModelName = modelName;
    }

    /// <summary>Gets the monitored model's name.</summary>
    public string ModelName { get; }

    /// <summary>Uses a reference profile that is already in memory.</summary>
    /// <param name="profile">The profile; every monitored column must be one of its columns.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is <see langword="null"/>.</exception>
    public ModelMonitorBuilder UseReferenceProfile(ReferenceProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        _profile = profile;
        _profileFactory = null;
        return this;
    }

    /// <summary>
    /// Loads the reference profile once, when the host starts (e.g. <see cref="ReferenceProfile.ReadFromAsync"/> over a
    /// Registry artifact of the served version). A failing load fails the host's start.
    /// </summary>
    /// <param name="factory">Loads the profile.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is <see langword="null"/>.</exception>
    public ModelMonitorBuilder UseReferenceProfile(Func<IServiceProvider, CancellationToken, ValueTask<ReferenceProfile>> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _profileFactory = factory;
        _profile = null;
        return this;
    }

    /// <summary>
    /// Watches columns of an input tensor. The tensor is <c>[batch, n]</c> (one monitored row per batch row) or <c>[n]</c>
    /// (one row) of float, double, int32 or int64; <paramref name="columnNames"/> map in order to its last dimension's
    /// columns and to the reference profile's columns. A <see langword="null"/> or empty name skips that column.
    /// </summary>
    /// <param name="tensorName">The input's name in the model signature.</param>
    /// <param name="columnNames">The profile column per tensor column, in order.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="columnNames"/> is <see langword="null"/>.</exception>
    public ModelMonitorBuilder MonitorInput(string tensorName, params string?[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        _inputs.Add(new MonitoredTensor(tensorName, [.. columnNames]));
        return this;
    }

    /// <summary>Watches columns of an output tensor (the predictions), mapped like <see cref="MonitorInput"/>.</summary>
    /// <param name="tensorName">The output's name in the model signature.</param>
    /// <param name="columnNames">The profile column per tensor column, in order; <see langword="null"/> or empty skips one.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="columnNames"/> is <see langword="null"/>.</exception>
    public ModelMonitorBuilder MonitorOutput(string tensorName, params string?[] columnNames)
    {
        ArgumentNullException.ThrowIfNull(columnNames);
        _outputs.Add(new MonitoredTensor(tensorName, [.. columnNames]));
        return this;
    }

    /// <summary>
    /// Samples requests: each inference is kept with probability <paramref name="rate"/>, decided by a seeded hash of
    /// its sequence number, so the same traffic in the same order is sampled the same way every run.
    /// </summary>
    /// <param name="rate">The share of requests kept, greater than 0 and at most 1. Default 1.</param>
    /// <param name="seed">The seed. Default 0.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder SampleRate(double rate, int seed = 0)
    {
        _sampleRate = rate;
        _seed = seed;
        return this;
    }

    /// <summary>Keeps the latest <paramref name="rows"/> sampled rows (a count window). Default 5,000 rows.</summary>
    /// <param name="rows">The window's size, at least 1.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder Window(int rows)
    {
        _windowRows = rows;
        _windowSpan = null;
        return this;
    }

    /// <summary>
    /// Keeps the rows whose inference finished within the last <paramref name="span"/> (by the event's timestamp, against
    /// the host's <see cref="TimeProvider"/>), never more than <paramref name="maxRows"/> (the oldest go first).
    /// </summary>
    /// <param name="span">The window's length, positive.</param>
    /// <param name="maxRows">The bound on the window's rows, at least 1.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder Window(TimeSpan span, int maxRows)
    {
        _windowSpan = span;
        _windowRows = maxRows;
        return this;
    }

    /// <summary>Sets how often the background service checks drift (timed by the host's <see cref="TimeProvider"/>). Default 1 minute.</summary>
    /// <param name="interval">The interval, positive.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder CheckEvery(TimeSpan interval)
    {
        _checkInterval = interval;
        return this;
    }

    /// <summary>
    /// Sets how many rows the window must hold before a drift check runs, and how many labelled predictions the
    /// performance window must hold before performance and fairness limits are checked. Default 100.
    /// </summary>
    /// <param name="rows">At least 1 and at most the window's size.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder MinimumRows(int rows)
    {
        _minimumRows = rows;
        return this;
    }

    /// <summary>Sets the drift methods and thresholds (see <see cref="DriftOptions"/>).</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is <see langword="null"/>.</exception>
    public ModelMonitorBuilder Drift(Action<DriftOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(_drift);
        return this;
    }

    /// <summary>Sets when a drift check raises an alert. Default <see cref="DriftAlertCondition.AnyColumnDrifted"/>.</summary>
    /// <param name="condition">The condition.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder AlertOn(DriftAlertCondition condition)
    {
        _alertCondition = condition;
        return this;
    }

    /// <summary>
    /// Sets the cooldown per alert kind: while a condition persists it alerts once, and again only after the cooldown
    /// has passed since the last alert. Default 30 minutes.
    /// </summary>
    /// <param name="cooldown">The cooldown, not negative.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder AlertCooldown(TimeSpan cooldown)
    {
        _cooldown = cooldown;
        return this;
    }

    /// <summary>
    /// Tracks performance once ground truth arrives (<see cref="IMonitoringService.RecordGroundTruth"/>, joined by the
    /// inference's request id). The prediction is the score at <paramref name="column"/> of the first row of output
    /// <paramref name="outputTensor"/>; for binary classification the predicted class is score ≥
    /// <paramref name="decisionThreshold"/> and the score also feeds the AUC. A limit that is crossed raises a
    /// <see cref="Alerts.AlertKind.PerformanceDegraded"/> alert.
    /// </summary>
    /// <param name="task">Binary classification (accuracy, F1, AUC) or regression (RMSE).</param>
    /// <param name="outputTensor">The output that holds the score or the predicted value.</param>
    /// <param name="column">The column of the output's last dimension, from 0.</param>
    /// <param name="decisionThreshold">The score at or above which the predicted class is 1.</param>
    /// <param name="window">How many of the latest labelled predictions the metrics cover, at least 1.</param>
    /// <param name="minAccuracy">Alert when accuracy falls below it; <see langword="null"/> for none.</param>
    /// <param name="minF1">Alert when F1 falls below it; <see langword="null"/> for none.</param>
    /// <param name="minAuc">Alert when the ROC AUC falls below it; <see langword="null"/> for none.</param>
    /// <param name="maxRmse">Alert when the RMSE rises above it; <see langword="null"/> for none.</param>
    /// <param name="score">How the prediction is read: the column's value, or its softmax over the row (for logits).</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder TrackPerformance(
        PerformanceTask task,
        string outputTensor,
        int column,
        double decisionThreshold = 0.5,
        int window = 1000,
        double? minAccuracy = null,
        double? minF1 = null,
        double? minAuc = null,
        double? maxRmse = null,
        PerformanceScore score = PerformanceScore.Value)
    {
        _performance = new PerformanceSettings(task, outputTensor, column, decisionThreshold, window, minAccuracy, minF1, minAuc, maxRmse, score);
        return this;
    }

    /// <summary>
    /// Tracks fairness across the groups of a monitored input column (each distinct value is a group): the demographic
    /// parity and equalized odds differences over the performance window. Needs binary-classification performance
    /// tracking. A difference above its limit raises a <see cref="Alerts.AlertKind.FairnessViolated"/> alert.
    /// </summary>
    /// <param name="sensitiveColumn">A column named in <see cref="MonitorInput"/>.</param>
    /// <param name="maxDemographicParityDifference">The largest allowed demographic parity difference, 0 to 1.</param>
    /// <param name="maxEqualizedOddsDifference">The largest allowed equalized odds difference, 0 to 1.</param>
    /// <returns>This builder.</returns>
    public ModelMonitorBuilder TrackFairness(string sensitiveColumn, double maxDemographicParityDifference, double maxEqualizedOddsDifference)
    {
        _fairness = new FairnessSettings(sensitiveColumn, maxDemographicParityDifference, maxEqualizedOddsDifference);
        return this;
    }

    /// <summary>
    /// Feeds every sampled row's value of a monitored column, in arrival order, to a streaming detector (for example
    /// <c>() =&gt; new Adwin()</c>), off the request path as the rows are taken in. A detection raises a
    /// <see cref="Alerts.AlertKind.StreamingDrift"/> alert at the next check (through the cooldown); the window tests
    /// compare distributions, the detector says when the stream changed. Call once per column to watch.
    /// </summary>
    /// <param name="column">A column named in <see cref="MonitorInput"/> or <see cref="MonitorOutput"/>.</param>
    /// <param name="createDetector">Creates the detector (once, when the host starts).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public ModelMonitorBuilder WatchColumn(string column, Func<IStreamingDriftDetector> createDetector)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(createDetector);
        _columnWatches.Add((column, createDetector));
        return this;
    }

    /// <summary>
    /// Feeds 1 (wrong) or 0 (right) for each prediction joined with its label to a streaming detector, typically
    /// <c>() =&gt; new Ddm()</c>: the error rate's change is found as labels arrive, without waiting for a window. Needs
    /// binary-classification <see cref="TrackPerformance"/> (right means the predicted class equals the label). A detection
    /// raises a <see cref="Alerts.AlertKind.StreamingDrift"/> alert at the next check.
    /// </summary>
    /// <param name="createDetector">Creates the detector (once, when the host starts).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="createDetector"/> is <see langword="null"/>.</exception>
    public ModelMonitorBuilder WatchErrors(Func<IStreamingDriftDetector> createDetector)
    {
        ArgumentNullException.ThrowIfNull(createDetector);
        _errorWatch = createDetector;
        return this;
    }

    /// <summary>Validates the settings and freezes them.</summary>
    internal ModelMonitorSettings Build(List<string> failures)
    {
        string prefix = $"Model '{ModelName}': ";
        if (_profile is null && _profileFactory is null)
        {
            failures.Add(prefix + "no reference profile; call UseReferenceProfile(...).");
        }

        if (_inputs.Count == 0 && _outputs.Count == 0)
        {
            failures.Add(prefix + "no monitored columns; call MonitorInput(...) or MonitorOutput(...).");
        }

        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        MonitoredTensorLayout[] inputs = Layout(_inputs, "MonitorInput", prefix, names, seen, failures);
        MonitoredTensorLayout[] outputs = Layout(_outputs, "MonitorOutput", prefix, names, seen, failures);
        if (_inputs.Count + _outputs.Count > 0 && names.Count == 0)
        {
            failures.Add(prefix + "every monitored column name is empty; name at least one column.");
        }

        if (!(_sampleRate > 0 && _sampleRate <= 1))
        {
            failures.Add(prefix + $"SampleRate is {_sampleRate}; it must be greater than 0 and at most 1.");
        }

        if (_windowRows < 1)
        {
            failures.Add(prefix + $"Window rows is {_windowRows}; it must be at least 1.");
        }

        if (_windowSpan is TimeSpan span && span <= TimeSpan.Zero)
        {
            failures.Add(prefix + $"Window span is {span}; it must be positive.");
        }

        if (_checkInterval <= TimeSpan.Zero)
        {
            failures.Add(prefix + $"CheckEvery is {_checkInterval}; it must be positive.");
        }

        if (_minimumRows < 1 || _minimumRows > Math.Max(_windowRows, 1))
        {
            failures.Add(prefix + $"MinimumRows is {_minimumRows}; it must be at least 1 and at most the window's {_windowRows} rows.");
        }

        if (!Enum.IsDefined(_alertCondition))
        {
            failures.Add(prefix + $"AlertOn has an undefined condition ({(int)_alertCondition}).");
        }

        if (_cooldown < TimeSpan.Zero)
        {
            failures.Add(prefix + $"AlertCooldown is {_cooldown}; it must not be negative.");
        }

        ValidateDrift(prefix, failures);
        _performance?.Validate(prefix, failures);
        int sensitiveSlot = -1;
        if (_fairness is FairnessSettings fairness)
        {
            fairness.Validate(prefix, failures);
            if (_performance is not { Task: PerformanceTask.BinaryClassification })
            {
                failures.Add(prefix + "TrackFairness needs TrackPerformance(PerformanceTask.BinaryClassification, ...).");
            }

            int inputColumns = inputs.Sum(static t => t.Slots.Length);
            sensitiveSlot = string.IsNullOrEmpty(fairness.SensitiveColumn) ? -1 : names.IndexOf(fairness.SensitiveColumn);
            if (!string.IsNullOrEmpty(fairness.SensitiveColumn) && (sensitiveSlot < 0 || sensitiveSlot >= inputColumns))
            {
                failures.Add(prefix + $"TrackFairness sensitive column '{fairness.SensitiveColumn}' is not a column named in MonitorInput(...).");
            }
        }

        foreach ((string column, _) in _columnWatches)
        {
            if (!names.Contains(column))
            {
                failures.Add(prefix + $"WatchColumn names '{column}', which is not a column named in MonitorInput(...) or MonitorOutput(...).");
            }
        }

        if (_errorWatch is not null && _performance is not { Task: PerformanceTask.BinaryClassification })
        {
            failures.Add(prefix + "WatchErrors needs TrackPerformance(PerformanceTask.BinaryClassification, ...).");
        }

        return new ModelMonitorSettings
        {
            ColumnWatches = [.. _columnWatches.Select(w => (names.IndexOf(w.Column), w.Column, w.Create))],
            ErrorWatch = _errorWatch,
            ModelName = ModelName,
            Profile = _profile,
            ProfileFactory = _profileFactory,
            Inputs = inputs,
            Outputs = outputs,
            ColumnNames = [.. names],
            SampleRate = _sampleRate,
            Seed = _seed,
            WindowRows = Math.Max(_windowRows, 1),
            WindowSpan = _windowSpan,
            CheckInterval = _checkInterval,
            MinimumRows = _minimumRows,
            DriftOptions = _drift,
            AlertCondition = _alertCondition,
            Cooldown = _cooldown,
            Performance = _performance,
            Fairness = _fairness,
            SensitiveSlot = sensitiveSlot,
        };
    }

    private static MonitoredTensorLayout[] Layout(
        List<MonitoredTensor> tensors, string method, string prefix, List<string> names, HashSet<string> seen, List<string> failures)
    {
        var layouts = new MonitoredTensorLayout[tensors.Count];
        for (int t = 0; t < tensors.Count; t++)
        {
            MonitoredTensor tensor = tensors[t];
            if (string.IsNullOrWhiteSpace(tensor.TensorName))
            {
                failures.Add(prefix + $"{method} #{t + 1} has an empty tensor name.");
            }

            var columns = new List<int>();
            var slots = new List<int>();
            for (int c = 0; c < tensor.ColumnNames.Length; c++)
            {
                string? name = tensor.ColumnNames[c];
                if (string.IsNullOrEmpty(name))
                {
                    continue;
                }

                if (!seen.Add(name))
                {
                    failures.Add(prefix + $"column '{name}' is monitored twice; each monitored column needs its own name.");
                    continue;
                }

                columns.Add(c);
                slots.Add(names.Count);
                names.Add(name);
            }

            layouts[t] = new MonitoredTensorLayout(tensor.TensorName ?? string.Empty, [.. columns], [.. slots]);
        }

        return layouts;
    }

    private void ValidateDrift(string prefix, List<string> failures)
    {
        if (!(_drift.PValueThreshold > 0 && _drift.PValueThreshold < 1))
        {
            failures.Add(prefix + $"Drift PValueThreshold is {_drift.PValueThreshold}; it must be between 0 and 1.");
        }

        if (!(_drift.DistanceThreshold > 0) || double.IsInfinity(_drift.DistanceThreshold))
        {
            failures.Add(prefix + $"Drift DistanceThreshold is {_drift.DistanceThreshold}; it must be positive.");
        }

        if (!(_drift.DriftShareThreshold > 0 && _drift.DriftShareThreshold <= 1))
        {
            failures.Add(prefix + $"Drift DriftShareThreshold is {_drift.DriftShareThreshold}; it must be greater than 0 and at most 1.");
        }
    }
}
