using System.Globalization;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Online;

/// <summary>
/// The join key values that identify one entity in a feature view, in the order of the view's join keys; immutable,
/// with value equality.
/// </summary>
/// <remarks>
/// Values keep their .NET type: <c>1</c> (an <see cref="int"/>), <c>1L</c> (a <see cref="long"/>) and <c>"1"</c> are three
/// different keys. Equality follows <see cref="object.Equals(object)"/> of each value, so <c>0.0</c> equals <c>-0.0</c> and
/// NaN equals NaN; the stores encode floating-point keys the same way.
/// </remarks>
public sealed class EntityKey : IEquatable<EntityKey>
{
    private readonly object[] _values;

    /// <summary>Creates a key.</summary>
    /// <param name="values">
    /// The join key values, at least one, each an <see cref="int"/>, <see cref="long"/>, <see cref="float"/>,
    /// <see cref="double"/>, <see cref="bool"/> or <see cref="string"/>.
    /// </param>
    /// <exception cref="ArgumentException">There is no value, or a value is null or of another type.</exception>
    public EntityKey(params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            throw new ArgumentException("An entity key needs at least one join key value.", nameof(values));
        }

        _values = (object[])values.Clone();
        for (int i = 0; i < _values.Length; i++)
        {
            object? value = _values[i];
            if (value is null)
            {
                throw new ArgumentException($"Join key value {i} is null; join key values must be non-null.", nameof(values));
            }

            if (TypeOf(value) is null)
            {
                throw new ArgumentException(
                    $"Join key value {i} is a {value.GetType()}; a join key value is an int, long, float, double, bool or string.",
                    nameof(values));
            }
        }
    }

    /// <summary>Gets the join key values, in the order of the view's join keys.</summary>
    public IReadOnlyList<object> Values => _values;

    /// <inheritdoc/>
    public bool Equals(EntityKey? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other._values.Length != _values.Length)
        {
            return false;
        }

        for (int i = 0; i < _values.Length; i++)
        {
            // Boxed Equals compares the type too: 1 (int) does not equal 1L (long).
            if (!_values[i].Equals(other._values[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as EntityKey);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (object value in _values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    /// <inheritdoc/>
    public override string ToString() =>
        "(" + string.Join(", ", _values.Select(v => v is string s ? $"\"{s}\"" : Convert.ToString(v, CultureInfo.InvariantCulture))) + ")";

    /// <summary>The feature value type of a join key or feature value's .NET type, or null for any other type.</summary>
    internal static FeatureValueType? TypeOf(object value) => value switch
    {
        int => FeatureValueType.Int32,
        long => FeatureValueType.Int64,
        float => FeatureValueType.Float32,
        double => FeatureValueType.Float64,
        bool => FeatureValueType.Bool,
        string => FeatureValueType.String,
        _ => null,
    };
}
