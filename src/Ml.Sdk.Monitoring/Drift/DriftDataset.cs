namespace Ml.Sdk.Monitoring.Drift;

/// <summary>
/// Named columns of equal length, the input of profiles and drift checks: numeric columns as floats (NaN is missing),
/// categorical columns as labels (<see langword="null"/> is missing) or as numeric codes (NaN is missing).
/// </summary>
/// <remarks>The dataset keeps references to the memory it is given; it copies nothing.</remarks>
public sealed class DriftDataset
{
    // CONTRACT (to be implemented by the profiles/drift work): keep the columns in insertion order.

    /// <summary>Gets the number of rows (0 before the first column is added).</summary>
    public long RowCount => throw new NotImplementedException();

    /// <summary>Adds a numeric column.</summary>
    /// <param name="name">The column's name, unique in the dataset.</param>
    /// <param name="values">The values; NaN is missing.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the length differs from the other columns'.</exception>
    public DriftDataset AddNumeric(string name, ReadOnlyMemory<float> values) => throw new NotImplementedException();

    /// <summary>Adds a categorical column of labels.</summary>
    /// <param name="name">The column's name, unique in the dataset.</param>
    /// <param name="values">The labels; <see langword="null"/> is missing.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the length differs from the other columns'.</exception>
    public DriftDataset AddCategorical(string name, IReadOnlyList<string?> values) => throw new NotImplementedException();

    /// <summary>Adds a categorical column given as numeric codes; each code's label is its invariant-culture text ("3", "0.5").</summary>
    /// <param name="name">The column's name, unique in the dataset.</param>
    /// <param name="codes">The codes; NaN is missing.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the length differs from the other columns'.</exception>
    public DriftDataset AddCategoricalCodes(string name, ReadOnlyMemory<float> codes) => throw new NotImplementedException();
}
