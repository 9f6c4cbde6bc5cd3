using System.Collections.Frozen;

namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// The inputs of one row of an on-demand feature view, by name: its source features (null when the stored view has no
/// row in reach: none at or before the time, or one past its TTL) and its request fields.
/// </summary>
/// <remarks>
/// One instance is reused for every row of a retrieval, so the transform must not keep it. Values have their field's .NET
/// type (see <see cref="FeatureValueType"/>); the typed getters do not convert.
/// </remarks>
public sealed class OnDemandFeatureInput
{
    private readonly string _viewName;
    private readonly FrozenDictionary<string, int> _index;
    private readonly IReadOnlyList<Field> _fields;
    private readonly object?[] _values;

    internal OnDemandFeatureInput(string viewName, IReadOnlyList<Field> fields, FrozenDictionary<string, int> index)
    {
        _viewName = viewName;
        _fields = fields;
        _index = index;
        _values = new object?[fields.Count];
    }

    /// <summary>Gets the inputs: the source features, then the request fields.</summary>
    public IReadOnlyList<Field> Fields => _fields;

    /// <summary>The value buffer, in <see cref="Fields"/> order, which the retrieval fills before each row.</summary>
    internal object?[] Values => _values;

    /// <summary>Gets whether an input has no value in this row.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    public bool IsMissing(string name) => _values[IndexOf(name)] is null;

    /// <summary>Gets an input's value, or null when it is missing.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    public object? GetValue(string name) => _values[IndexOf(name)];

    /// <summary>Gets a <see cref="FeatureValueType.Float64"/> input.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    /// <exception cref="InvalidOperationException">The input is missing (check <see cref="IsMissing"/>) or of another type.</exception>
    public double GetDouble(string name) => Get<double>(name, FeatureValueType.Float64);

    /// <summary>Gets a <see cref="FeatureValueType.Float32"/> input.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    /// <exception cref="InvalidOperationException">The input is missing (check <see cref="IsMissing"/>) or of another type.</exception>
    public float GetSingle(string name) => Get<float>(name, FeatureValueType.Float32);

    /// <summary>Gets a <see cref="FeatureValueType.Int32"/> input.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    /// <exception cref="InvalidOperationException">The input is missing (check <see cref="IsMissing"/>) or of another type.</exception>
    public int GetInt32(string name) => Get<int>(name, FeatureValueType.Int32);

    /// <summary>Gets a <see cref="FeatureValueType.Int64"/> input.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    /// <exception cref="InvalidOperationException">The input is missing (check <see cref="IsMissing"/>) or of another type.</exception>
    public long GetInt64(string name) => Get<long>(name, FeatureValueType.Int64);

    /// <summary>Gets a <see cref="FeatureValueType.Bool"/> input.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    /// <exception cref="InvalidOperationException">The input is missing (check <see cref="IsMissing"/>) or of another type.</exception>
    public bool GetBoolean(string name) => Get<bool>(name, FeatureValueType.Bool);

    /// <summary>Gets a <see cref="FeatureValueType.String"/> input.</summary>
    /// <param name="name">The input's name.</param>
    /// <exception cref="ArgumentException">The view has no input of that name.</exception>
    /// <exception cref="InvalidOperationException">The input is missing (check <see cref="IsMissing"/>) or of another type.</exception>
    public string GetString(string name) => Get<string>(name, FeatureValueType.String);

    private T Get<T>(string name, FeatureValueType type)
    {
        int i = IndexOf(name);
        return _values[i] switch
        {
            T value => value,
            null => throw new InvalidOperationException(
                $"The input '{name}' of the on-demand feature view '{_viewName}' is missing in this row; check IsMissing first."),
            _ => throw new InvalidOperationException(
                $"The input '{name}' of the on-demand feature view '{_viewName}' is {_fields[i].Type}, not {type}."),
        };
    }

    private int IndexOf(string name) =>
        name is not null && _index.TryGetValue(name, out int i)
            ? i
            : throw new ArgumentException($"The on-demand feature view '{_viewName}' has no input '{name}'.", nameof(name));
}
