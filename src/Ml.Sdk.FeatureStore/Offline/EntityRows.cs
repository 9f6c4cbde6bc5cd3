using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Values;

namespace Ml.Sdk.FeatureStore.Offline;

/// <summary>
/// The entity rows a historical retrieval joins features onto (Feast's entity dataframe): join key values, the time to
/// read the features as of, and any other columns (labels, for instance), all kept in the result in input order.
/// </summary>
public sealed class EntityRows
{
    private readonly List<object?[]> _values = [];
    private readonly List<DateTimeOffset> _timestamps = [];

    /// <summary>Creates an empty set of entity rows.</summary>
    /// <param name="columns">The columns: every join key of the views to be read (name and type as the entity defines them), then any others.</param>
    public EntityRows(params IEnumerable<Field> columns)
    {
        Columns = [.. columns ?? []];
        if (Columns.Count == 0)
        {
            throw new ArgumentException("Entity rows need at least one column (the join keys).", nameof(columns));
        }
    }

    /// <summary>Gets the columns, besides the timestamp.</summary>
    public IReadOnlyList<Field> Columns { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Count => _values.Count;

    /// <summary>Adds a row.</summary>
    /// <param name="timestamp">The time to read features as of; any offset.</param>
    /// <param name="values">One value per column, of the column's type; null only for columns other than join keys.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentException">The count or a type of the values does not match the columns.</exception>
    public EntityRows Add(DateTimeOffset timestamp, params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Columns.Count)
        {
            throw new ArgumentException($"Entity row {Count} has {values.Length} values for {Columns.Count} columns.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!FeatureValueRules.Fits(Columns[i].Type, values[i]))
            {
                throw new ArgumentException(
                    $"Entity row {Count}, column '{Columns[i].Name}': {values[i]!.GetType().Name} is not {Columns[i].Type}.", nameof(values));
            }
        }

        _values.Add((object?[])values.Clone());
        _timestamps.Add(timestamp);
        return this;
    }

    /// <summary>Gets a value of a row.</summary>
    /// <param name="row">The row, in insertion order.</param>
    /// <param name="column">The column, in <see cref="Columns"/> order.</param>
    public object? ValueAt(int row, int column) => _values[row][column];

    /// <summary>Gets the timestamp of a row.</summary>
    /// <param name="row">The row, in insertion order.</param>
    public DateTimeOffset TimestampOf(int row) => _timestamps[row];

    internal object?[] ValuesAt(int row) => _values[row];
}
