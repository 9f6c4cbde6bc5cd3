namespace Ml.Sdk.Monitoring.Drift;

/// <summary>
/// A column's reference and current distributions over the same bins (numeric) or categories (categorical), as shares
/// that sum to 1 over the non-missing values. Reports draw it; it holds no raw values, so its size does not grow with rows.
/// </summary>
public sealed class DistributionComparison
{
    /// <summary>Creates a comparison.</summary>
    /// <param name="kind">Numeric (bins) or categorical (categories).</param>
    /// <param name="binEdges">For numeric columns the <c>n + 1</c> edges of the reference-quantile bins (the first and last bins are open-ended); empty for categorical.</param>
    /// <param name="categories">For categorical columns the <c>n</c> category labels; empty for numeric.</param>
    /// <param name="referenceShares">The reference's share in each of the <c>n</c> bins or categories.</param>
    /// <param name="currentShares">The current data's share in each of the <c>n</c> bins or categories.</param>
    /// <exception cref="ArgumentException">The lengths do not agree.</exception>
    public DistributionComparison(
        ColumnKind kind,
        IReadOnlyList<double> binEdges,
        IReadOnlyList<string> categories,
        IReadOnlyList<double> referenceShares,
        IReadOnlyList<double> currentShares)
    {
        ArgumentNullException.ThrowIfNull(binEdges);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(referenceShares);
        ArgumentNullException.ThrowIfNull(currentShares);
        int bins = kind == ColumnKind.Numeric ? Math.Max(binEdges.Count - 1, 0) : categories.Count;
        if (referenceShares.Count != bins || currentShares.Count != bins)
        {
            throw new ArgumentException(
                $"Expected {bins} shares on each side, got {referenceShares.Count} reference and {currentShares.Count} current.",
                nameof(referenceShares));
        }

        Kind = kind;
        BinEdges = binEdges;
        Categories = categories;
        ReferenceShares = referenceShares;
        CurrentShares = currentShares;
    }

    /// <summary>Gets whether the comparison is over numeric bins or categories.</summary>
    public ColumnKind Kind { get; }

    /// <summary>Gets the numeric bin edges (<c>n + 1</c>); empty for categorical columns.</summary>
    public IReadOnlyList<double> BinEdges { get; }

    /// <summary>Gets the category labels (<c>n</c>); empty for numeric columns.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Gets the reference's share per bin or category.</summary>
    public IReadOnlyList<double> ReferenceShares { get; }

    /// <summary>Gets the current data's share per bin or category.</summary>
    public IReadOnlyList<double> CurrentShares { get; }
}
