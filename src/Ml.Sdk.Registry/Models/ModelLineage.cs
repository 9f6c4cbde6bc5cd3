namespace Ml.Sdk.Registry;

/// <summary>Where a model version came from: the run that trained it, its data and the version it was derived from.</summary>
public sealed record ModelLineage
{
    /// <summary>Gets the id of the tracking run that produced the version, if any.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets a fingerprint (e.g. a hash) of the training data set, if known.</summary>
    public string? DatasetFingerprint { get; init; }

    /// <summary>Gets the feature view versions the model was trained on, in the order given.</summary>
    public IReadOnlyList<FeatureViewReference> FeatureViews { get; init; } = [];

    /// <summary>Gets the version of the same model that this one was retrained or fine-tuned from, if any.</summary>
    public int? ParentVersion { get; init; }
}
