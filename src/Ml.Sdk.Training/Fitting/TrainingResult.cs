using Ml.Sdk.Core.Devices;

namespace Ml.Sdk.Training;

/// <summary>What a fit did: how far it went, why it stopped, its figures, and where they are recorded.</summary>
public sealed record TrainingResult
{
    /// <summary>Gets the epochs completed in all (including those before a resume).</summary>
    public required int EpochsCompleted { get; init; }

    /// <summary>Gets the optimizer steps taken in all.</summary>
    public required long GlobalStep { get; init; }

    /// <summary>Gets why the fit ended.</summary>
    public required StopReason StopReason { get; init; }

    /// <summary>Gets the epochs this call ran, in order.</summary>
    public required IReadOnlyList<EpochSummary> History { get; init; }

    /// <summary>Gets the last epoch's metrics (empty when no epoch finished).</summary>
    public required IReadOnlyDictionary<string, double> FinalMetrics { get; init; }

    /// <summary>Gets the device the fit ran on.</summary>
    public required ComputeDevice Device { get; init; }

    /// <summary>Gets the tracking run, or <see langword="null"/> when the fit was not tracked.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the checkpoint written when the fit ended (resumable), or <see langword="null"/> when none was kept.</summary>
    public string? LastCheckpointPath { get; init; }

    /// <summary>Gets the best checkpoint a <see cref="Callbacks.ModelCheckpoint"/> kept, or <see langword="null"/>.</summary>
    public string? BestCheckpointPath { get; init; }
}
