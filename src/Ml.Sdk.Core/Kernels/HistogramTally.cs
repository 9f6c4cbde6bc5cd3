namespace Ml.Sdk.Core.Kernels;

/// <summary>
/// What <see cref="Histogram.Count"/> saw besides the per-bin counts: how many values fell below the first edge,
/// above the last edge, were NaN, or landed in some bin.
/// </summary>
public readonly struct HistogramTally : IEquatable<HistogramTally>
{
    /// <summary>Initializes a tally.</summary>
    /// <param name="below">Values less than the first edge, including negative infinity.</param>
    /// <param name="above">Values greater than the last edge, including positive infinity.</param>
    /// <param name="nan">NaN values.</param>
    /// <param name="inRange">Values counted in some bin.</param>
    public HistogramTally(long below, long above, long nan, long inRange)
    {
        Below = below;
        Above = above;
        NaN = nan;
        InRange = inRange;
    }

    /// <summary>Gets the number of values less than the first edge.</summary>
    public long Below { get; }

    /// <summary>Gets the number of values greater than the last edge.</summary>
    public long Above { get; }

    /// <summary>Gets the number of NaN values, which belong to no bin.</summary>
    public long NaN { get; }

    /// <summary>Gets the number of values counted in some bin: the sum of the counts.</summary>
    public long InRange { get; }

    /// <summary>Compares two tallies field by field.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns><see langword="true"/> when every field matches.</returns>
    public static bool operator ==(HistogramTally left, HistogramTally right) => left.Equals(right);

    /// <summary>Compares two tallies field by field.</summary>
    /// <param name="left">The first tally.</param>
    /// <param name="right">The second tally.</param>
    /// <returns><see langword="true"/> when some field differs.</returns>
    public static bool operator !=(HistogramTally left, HistogramTally right) => !left.Equals(right);

    /// <inheritdoc/>
    public bool Equals(HistogramTally other) =>
        Below == other.Below && Above == other.Above && NaN == other.NaN && InRange == other.InRange;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is HistogramTally other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Below, Above, NaN, InRange);

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"Below = {Below}, Above = {Above}, NaN = {NaN}, InRange = {InRange}");
}
