using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Artifacts;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Onnx;

namespace Ml.Sdk.Training.Promotion;

/// <summary>What <see cref="ModelPromotionGate.RegisterIfBetterAsync"/> registers and how it judges the candidate.</summary>
public sealed record PromotionRequest
{
    /// <summary>Gets the registered model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets how the model is exported to ONNX (its input spec above all).</summary>
    public required OnnxExportOptions Export { get; init; }

    /// <summary>Gets the metric compared, as the fit reported it (e.g. <c>val_accuracy</c>, <c>val_loss</c>).</summary>
    /// <value>Default <c>val_accuracy</c>.</value>
    public string Metric { get; init; } = "val_accuracy";

    /// <summary>Gets which direction of <see cref="Metric"/> is better.</summary>
    /// <value>Default <see cref="MonitorMode.Max"/>.</value>
    public MonitorMode Mode { get; init; } = MonitorMode.Max;

    /// <summary>Gets by how much the candidate must beat the champion (strictly more than this); not negative.</summary>
    /// <value>Default 0: any strict improvement promotes.</value>
    public double MinImprovement { get; init; }

    /// <summary>Gets the alias that marks the champion.</summary>
    /// <value>Default <c>champion</c>.</value>
    public string Alias { get; init; } = "champion";

    /// <summary>Gets the new version's description.</summary>
    public string? Description { get; init; }

    /// <summary>Gets extra tags for the new version.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Gets the fingerprint of the training data, for lineage.</summary>
    public string? DatasetFingerprint { get; init; }

    /// <summary>Gets the feature views (name and version) the training set came from, for lineage.</summary>
    public IReadOnlyList<FeatureViewReference> FeatureViews { get; init; } = [];

    /// <summary>
    /// Gets whether the gate ends the fit's run (Finished) after recording its decision on it, when the run is still
    /// open (the fit ran with <see cref="FitOptions.EndRun"/> set to <see langword="false"/>).
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool EndRun { get; init; } = true;

    /// <summary>
    /// Gets extra files registered with the version next to <c>model.onnx</c>, e.g. the reference profile that
    /// Ml.Sdk.Monitoring compares served traffic with. Names must be unique and must not be <c>model.onnx</c>.
    /// </summary>
    /// <value>Default: none.</value>
    public IReadOnlyList<ArtifactSource> Artifacts { get; init; } = [];

    /// <summary>Gets who registers the version, or <see langword="null"/>.</summary>
    public string? Creator { get; init; }
}
