using System.Collections.Frozen;
using Ml.Sdk.FeatureStore.Values;

namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// Where an on-demand feature view's transform puts the outputs of one row. Every output must be set, to a value of its
/// type or to null for a missing value; one left unset fails the row.
/// </summary>
/// <remarks>One instance is reused for every row of a retrieval, so the transform must not keep it.</remarks>
public sealed class OnDemandFeatureOutput
{
    private readonly string _viewName;
    private readonly IReadOnlyList<Field> _fields;
    private readonly FrozenDictionary<string, int> _index;
    private readonly object?[] _values;
    private readonly bool[] _set;

    internal OnDemandFeatureOutput(string viewName, IReadOnlyList<Field> fields, FrozenDictionary<string, int> index)
    {
        _viewName = viewName;
        _fields = fields;
        _index = index;
        _values = new object?[fields.Count];
        _set = new bool[fields.Count];
    }

    /// <summary>Gets the outputs, in the view's order.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <summary>The values, in <see cref="Fields"/> order, after <see cref="Complete"/>.</summary>
    internal object?[] Values => _values;

    /// <summary>Sets an output's value for this row.</summary>
    /// <param name="name">The output's name.</param>
    /// <param name="value">A value of exactly the output's .NET type (no conversions: a <see cref="FeatureValueType.Float64"/> output takes a <see cref="double"/>), or null for a missing value.</param>
    /// <exception cref="OnDemandFeatureException">The view has no output of that name, or the value is of another type.</exception>
    public void Set(string name, object? value)
    {
        if (name is null || !_index.TryGetValue(name, out int i))
        {
            throw new OnDemandFeatureException(_viewName, $"The on-demand feature view '{_viewName}' has no output '{name}'.", null);
        }

        if (!FeatureValueRules.Fits(_fields[i].Type, value))
        {
            throw new OnDemandFeatureException(
                _viewName,
                $"The on-demand feature view '{_viewName}' set its output '{name}' ({_fields[i].Type}) to a {value!.GetType().Name}; set a {FeatureValueRules.ClrType(_fields[i].Type).Name} or null.",
                null);
        }

        _values[i] = value;
        _set[i] = true;
    }

    /// <summary>Clears the outputs before a row.</summary>
    internal void Reset()
    {
        Array.Clear(_values);
        Array.Clear(_set);
    }

    /// <summary>Checks that the transform set every output.</summary>
    internal void Complete()
    {
        for (int i = 0; i < _set.Length; i++)
        {
            if (!_set[i])
            {
                throw new OnDemandFeatureException(
                    _viewName,
                    $"The on-demand feature view '{_viewName}' did not set its output '{_fields[i].Name}'; set every output, to null for a missing value.",
                    null);
            }
        }
    }
}
