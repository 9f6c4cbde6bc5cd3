using System.Globalization;
using Ml.Sdk.Monitoring.Drift.Internal;

namespace Ml.Sdk.Monitoring.Drift;

/// <summary>
/// Named columns of equal length, the input of profiles and drift checks: numeric columns as floats (NaN is missing),
/// categorical columns as labels (<see langword="null"/> is missing) or as numeric codes (NaN is missing).
/// </summary>
/// <remarks>
/// The dataset keeps references to the memory it is given; it copies nothing, so the caller must not change that
/// memory while a profile or a drift check reads it. Columns keep the order in which they were added. Numeric columns
/// also treat infinities as missing, as Evidently does (it replaces them with NaN before every test).
/// Not thread-safe while columns are being added; reading it from several threads afterwards is safe.
/// </remarks>
public sealed class DriftDataset
{
    private readonly List<DriftColumn> _columns = [];
    private readonly Dictionary<string, int> _indexByName = new(StringComparer.Ordinal);

    /// <summary>Gets the number of rows (0 before the first column is added).</summary>
    public long RowCount => _columns.Count == 0 ? 0 : _columns[0].Length;

    /// <summary>Gets the number of columns.</summary>
    public int ColumnCount => _columns.Count;

    /// <summary>Gets the column names, in the order they were added.</summary>
    public IReadOnlyList<string> ColumnNames => _columns.ConvertAll(static column => column.Name);

    /// <summary>Adds a numeric column.</summary>
    /// <param name="name">The column's name, unique in the dataset.</param>
    /// <param name="values">The values; NaN (and infinity) is missing.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the length differs from the other columns'.</exception>
    public DriftDataset AddNumeric(string name, ReadOnlyMemory<float> values) =>
        Add(DriftColumn.Numeric(ValidateName(name), values), nameof(values));

    /// <summary>Adds a categorical column of labels.</summary>
    /// <param name="name">The column's name, unique in the dataset.</param>
    /// <param name="values">The labels; <see langword="null"/> is missing.</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the length differs from the other columns'.</exception>
    public DriftDataset AddCategorical(string name, IReadOnlyList<string?> values)
    {
        string validName = ValidateName(name);
        ArgumentNullException.ThrowIfNull(values);
        return Add(DriftColumn.CategoricalLabels(validName, values), nameof(values));
    }

    /// <summary>Adds a categorical column given as numeric codes; each code's label is its invariant-culture text ("3", "0.5").</summary>
    /// <param name="name">The column's name, unique in the dataset.</param>
    /// <param name="codes">The codes; NaN is missing. Negative zero is the same category as zero ("0").</param>
    /// <returns>This dataset.</returns>
    /// <exception cref="ArgumentException">The name is empty or already used, or the length differs from the other columns'.</exception>
    public DriftDataset AddCategoricalCodes(string name, ReadOnlyMemory<float> codes) =>
        Add(DriftColumn.CategoricalCodes(ValidateName(name), codes), nameof(codes));

    internal DriftColumn GetColumn(int index) => _columns[index];

    internal bool TryGetColumn(string name, out DriftColumn column)
    {
        if (_indexByName.TryGetValue(name, out int index))
        {
            column = _columns[index];
            return true;
        }

        column = null!;
        return false;
    }

    private string ValidateName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_indexByName.ContainsKey(name))
        {
            throw new ArgumentException($"The dataset already has a column named '{name}'.", nameof(name));
        }

        return name;
    }

    private DriftDataset Add(DriftColumn column, string paramName)
    {
        if (_columns.Count > 0 && column.Length != _columns[0].Length)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Column '{column.Name}' has {column.Length} rows but the dataset's columns have {_columns[0].Length}."),
                paramName);
        }

        _indexByName.Add(column.Name, _columns.Count);
        _columns.Add(column);
        return this;
    }
}
