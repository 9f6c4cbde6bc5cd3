namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// Features computed when they are read, by a .NET delegate, from stored features of feature views and from fields the
/// request supplies (Feast's on-demand feature view). Historical retrieval and online retrieval run the same delegate, so
/// training and serving compute the same values.
/// </summary>
/// <remarks>
/// <para>
/// Registering a view whose definition (sources, request fields, outputs) differs from the catalog's latest version of
/// that name makes a new version. A delegate cannot be compared with another for what it computes: registering the same
/// definition again with a delegate of another method is rejected, so a change of logic takes a new name (or a change of
/// the definition). A new delegate instance of the same method (a lambda created again) is the same version.
/// </para>
/// <para>
/// On-demand views read stored views only; one on-demand view cannot read another's outputs.
/// </para>
/// </remarks>
public sealed class OnDemandFeatureView
{
    /// <summary>Creates an on-demand feature view.</summary>
    /// <param name="name">The view's name, unique in a catalog among feature views and on-demand views.</param>
    /// <param name="sources">
    /// The stored features it reads, view by view, at least one projection; a projection naming no feature takes every
    /// feature of its view. Their names are the input names.
    /// </param>
    /// <param name="requestFields">The fields the request supplies (entity columns in training, request data in serving); may be empty.</param>
    /// <param name="outputs">The features it computes, at least one, with names distinct from each other and from the inputs.</param>
    /// <param name="transform">Computes the outputs of one row.</param>
    public OnDemandFeatureView(
        string name,
        IEnumerable<FeatureProjection> sources,
        IEnumerable<Field> requestFields,
        IEnumerable<Field> outputs,
        OnDemandTransform transform)
    {
        Name = name;
        Sources = [.. sources ?? []];
        RequestFields = [.. requestFields ?? []];
        Outputs = [.. outputs ?? []];
        Transform = transform;
    }

    /// <summary>Gets the view's name.</summary>
    public string Name { get; }

    /// <summary>Gets the stored features it reads, view by view.</summary>
    public IReadOnlyList<FeatureProjection> Sources { get; }

    /// <summary>Gets the fields the request supplies.</summary>
    public IReadOnlyList<Field> RequestFields { get; }

    /// <summary>Gets the features it computes, in order.</summary>
    public IReadOnlyList<Field> Outputs { get; }

    /// <summary>Gets the delegate that computes the outputs of one row.</summary>
    public OnDemandTransform Transform { get; }

    /// <summary>Gets a description for people.</summary>
    public string? Description { get; init; }
}
