namespace Ml.Sdk.Registry;

/// <summary>One page of a listing.</summary>
/// <typeparam name="T">The item type.</typeparam>
/// <param name="Items">The items on this page.</param>
/// <param name="NextPageToken">The token for the next page, or <see langword="null"/> when this is the last page.</param>
public sealed record RegistryPage<T>(IReadOnlyList<T> Items, string? NextPageToken);
