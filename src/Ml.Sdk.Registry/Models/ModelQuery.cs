namespace Ml.Sdk.Registry;

/// <summary>Filters and paging for <see cref="IModelRegistry.ListModelsAsync"/>; models come sorted by name.</summary>
public sealed record ModelQuery
{
    /// <summary>The page size when none is given.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>The largest page size accepted.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Gets a prefix that model names must start with (ordinal, case-sensitive).</summary>
    public string? NamePrefix { get; init; }

    /// <summary>Gets a tag key that models must have.</summary>
    public string? TagKey { get; init; }

    /// <summary>Gets the value the <see cref="TagKey"/> tag must have; requires <see cref="TagKey"/>.</summary>
    public string? TagValue { get; init; }

    /// <summary>Gets the number of models per page, 1 to 1000.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Gets the <see cref="RegistryPage{T}.NextPageToken"/> of the previous page, or <see langword="null"/> for the first.</summary>
    public string? PageToken { get; init; }
}
