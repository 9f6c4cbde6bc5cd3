using Ml.Sdk.FeatureStore.Definitions;
using Ml.Sdk.FeatureStore.Values;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// The request data of an online read: the values of the on-demand views' request fields, one row per entity key, in
/// the order of the keys.
/// </summary>
/// <remarks>The fields are matched to request fields by name and type; a request may carry fields no view takes.</remarks>
public sealed class OnDemandRequest
{
    private readonly List<object?[]> _rows = [];

    /// <summary>Creates empty request data.</summary>
    /// <param name="fields">The fields, each with the name and type of an on-demand view's request field.</param>
    /// <exception cref="ArgumentException">There is no field, or a field is null or repeated.</exception>
    public OnDemandRequest(params IEnumerable<Field> fields)
    {
        Fields = [.. fields ?? []];
        if (Fields.Count == 0)
        {
            throw new ArgumentException("Request data needs at least one field.", nameof(fields));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (Field field in Fields)
        {
            if (field is null || !names.Add(field.Name))
            {
                throw new ArgumentException(field is null ? "A request field is null." : $"The request field '{field.Name}' is given twice.", nameof(fields));
            }
        }
    }

    /// <summary>Gets the fields.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds the row of the next entity key.</summary>
    /// <param name="values">One value per field, of the field's .NET type, or null for a missing value.</param>
    /// <returns>This instance.</returns>
    /// <exception cref="ArgumentException">The count or a type of the values does not match the fields.</exception>
    public OnDemandRequest Add(params object?[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != Fields.Count)
        {
            throw new ArgumentException($"Request row {Count} has {values.Length} values for {Fields.Count} fields.", nameof(values));
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!FeatureValueRules.Fits(Fields[i].Type, values[i]))
            {
                throw new ArgumentException($"Request row {Count}, field '{Fields[i].Name}': {values[i]!.GetType().Name} is not {Fields[i].Type}.", nameof(values));
            }
        }

        _rows.Add((object?[])values.Clone());
        return this;
    }

    /// <summary>Gets a value of a row.</summary>
    /// <param name="row">The row (the key's index).</param>
    /// <param name="field">The field, in <see cref="Fields"/> order.</param>
    public object? ValueAt(int row, int field) => _rows[row][field];

    internal object?[] ValuesAt(int row) => _rows[row];
}
