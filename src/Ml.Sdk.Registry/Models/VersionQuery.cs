namespace Ml.Sdk.Registry;

/// <summary>Filters and paging for <see cref="IModelRegistry.SearchVersionsAsync"/>; versions come sorted by model name, then version.</summary>
public sealed record VersionQuery
{
    /// <summary>Gets the model whose versions to return; all models when <see langword="null"/>.</summary>
    public string? Name { get; init; }

    /// <summary>Gets a version tag key that versions must have.</summary>
    public string? TagKey { get; init; }

    /// <summary>Gets the value the <see cref="TagKey"/> tag must have; requires <see cref="TagKey"/>.</summary>
    public string? TagValue { get; init; }

    /// <summary>Gets an alias that must point at the version.</summary>
    public string? Alias { get; init; }

    /// <summary>Gets the status versions must have; any status when <see langword="null"/>.</summary>
    public ModelVersionStatus? Status { get; init; }

    /// <summary>Gets the number of versions per page, 1 to 1000.</summary>
    public int PageSize { get; init; } = ModelQuery.DefaultPageSize;

    /// <summary>Gets the <see cref="RegistryPage{T}.NextPageToken"/> of the previous page, or <see langword="null"/> for the first.</summary>
    public string? PageToken { get; init; }
}
