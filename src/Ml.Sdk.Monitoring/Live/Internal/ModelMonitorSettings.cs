using Ml.Sdk.Monitoring.Drift;
using Ml.Sdk.Monitoring.Profiles;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>One model's monitoring settings, validated and frozen by <see cref="ModelMonitorBuilder"/>.</summary>
internal sealed class ModelMonitorSettings
{
    public required string ModelName { get; init; }

    public ReferenceProfile? Profile { get; init; }

    public Func<IServiceProvider, CancellationToken, ValueTask<ReferenceProfile>>? ProfileFactory { get; init; }

    public required MonitoredTensorLayout[] Inputs { get; init; }

    public required MonitoredTensorLayout[] Outputs { get; init; }

    /// <summary>Gets the monitored columns' names by slot: the input columns first, then the output columns.</summary>
    public required string[] ColumnNames { get; init; }

    public int ColumnCount => ColumnNames.Length;

    public required double SampleRate { get; init; }

    public required int Seed { get; init; }

    public required int WindowRows { get; init; }

    public TimeSpan? WindowSpan { get; init; }

    public required TimeSpan CheckInterval { get; init; }

    public required int MinimumRows { get; init; }

    public required DriftOptions DriftOptions { get; init; }

    public required DriftAlertCondition AlertCondition { get; init; }

    public required TimeSpan Cooldown { get; init; }

    public PerformanceSettings? Performance { get; init; }

    /// <summary>Gets the columns fed to streaming detectors: slot in a sampled row, name, detector factory.</summary>
    public IReadOnlyList<(int Slot, string Column, Func<Streaming.IStreamingDriftDetector> Create)> ColumnWatches { get; init; } = [];

    /// <summary>Gets the factory of the detector fed with prediction errors, if any.</summary>
    public Func<Streaming.IStreamingDriftDetector>? ErrorWatch { get; init; }

    public FairnessSettings? Fairness { get; init; }

    /// <summary>Gets the slot of the fairness sensitive column, or -1.</summary>
    public required int SensitiveSlot { get; init; }

    /// <summary>Checks the monitored columns against the profile; a drift check on a column the profile lacks would test nothing.</summary>
    public void ValidateAgainst(ReferenceProfile profile, List<string> failures)
    {
        string prefix = $"Model '{ModelName}': ";
        var known = new HashSet<string>(profile.ColumnNames, StringComparer.Ordinal);
        foreach (string column in ColumnNames)
        {
            if (!known.Contains(column))
            {
                failures.Add(prefix + $"monitored column '{column}' is not in the reference profile (its columns: {string.Join(", ", profile.ColumnNames)}).");
            }
        }

        foreach (string column in DriftOptions.Columns.Keys)
        {
            if (Array.IndexOf(ColumnNames, column) < 0)
            {
                failures.Add(prefix + $"Drift options override column '{column}', which is not monitored.");
            }
        }
    }
}
