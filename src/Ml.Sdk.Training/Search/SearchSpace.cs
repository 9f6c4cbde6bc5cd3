using Ml.Sdk.Registry.Naming;
using Ml.Sdk.Training.Search.Internal;

namespace Ml.Sdk.Training.Search;

/// <summary>
/// The hyperparameters a <see cref="HyperparameterSearch"/> explores, declared fluently, each under a unique name:
/// <code>
/// var space = new SearchSpace()
///     .Choice("optimizer", "adam", "sgd")
///     .IntRange("layers", 1, 4)
///     .LogUniform("learning_rate", 1e-5, 1e-1);
/// </code>
/// </summary>
/// <remarks>
/// Names follow <see cref="NameRules"/>, because each becomes a param of the trial's run. Values are
/// <see cref="double"/>, <see cref="int"/> or <see cref="string"/>, read back with
/// <see cref="HyperparameterTrial.GetDouble"/>, <see cref="HyperparameterTrial.GetInt"/> and
/// <see cref="HyperparameterTrial.GetString"/>. Every argument is checked when declared, so a bad space fails before
/// any run starts.
/// </remarks>
public sealed class SearchSpace
{
    private readonly List<SearchDimension> _dimensions = [];

    /// <summary>Gets the parameter names in declaration order (the grid's order: the first varies slowest).</summary>
    public IReadOnlyList<string> Names => _dimensions.ConvertAll(d => d.Name);

    internal IReadOnlyList<SearchDimension> Dimensions => _dimensions;

    /// <summary>Adds a parameter that takes one of the given real values.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">The values, at least one, finite and distinct; a grid tries them in this order.</param>
    /// <returns>This space, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is invalid or already declared, or the values are empty, repeated, NaN or infinite.
    /// </exception>
    public SearchSpace Choice(string name, params double[] values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"Choice '{name}' has a non-finite value at index {i}.", nameof(values));
            }
        }

        return AddChoice(name, Array.ConvertAll(values, v => (object)v));
    }

    /// <summary>Adds a parameter that takes one of the given integer values.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">The values, at least one and distinct; a grid tries them in this order.</param>
    /// <returns>This space, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The name is invalid or already declared, or the values are empty or repeated.</exception>
    public SearchSpace Choice(string name, params int[] values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        return AddChoice(name, Array.ConvertAll(values, v => (object)v));
    }

    /// <summary>Adds a parameter that takes one of the given text values.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="values">
    /// The values, at least one and distinct, each a valid param value (<see cref="NameRules.ValidateValue"/>); a grid
    /// tries them in this order.
    /// </param>
    /// <returns>This space, for chaining.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The name is invalid or already declared, or the values are empty, repeated, <see langword="null"/> or not valid
    /// param values.
    /// </exception>
    public SearchSpace Choice(string name, params string[] values)
    {
        CheckName(name);
        ArgumentNullException.ThrowIfNull(values);
        foreach (string value in values)
        {
            NameRules.ValidateValue(value, $"value of choice '{name}'", nameof(values));
        }

        return AddChoice(name, Array.ConvertAll(values, v => (object)v));
    }

    /// <summary>Adds a real parameter drawn uniformly from <c>[low, high]</c>. Random search only.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="low">The lower bound.</param>
    /// <param name="high">The upper bound, above <paramref name="low"/>.</param>
    /// <returns>This space, for chaining.</returns>
    /// <exception cref="ArgumentException">
    /// The name is invalid or already declared, a bound is not finite, <paramref name="low"/> is not below
    /// <paramref name="high"/>, or the width overflows.
    /// </exception>
    public SearchSpace Uniform(string name, double low, double high)
    {
        CheckName(name);
        CheckInterval(name, low, high);
        if (!double.IsFinite(high - low))
        {
            throw new ArgumentException($"Uniform '{name}': the width {high} - {low} overflows.", nameof(high));
        }

        return Add(new UniformDimension(name, low, high));
    }

    /// <summary>
    /// Adds a positive real parameter whose logarithm is uniform on <c>[ln low, ln high]</c>, as
    /// <c>scipy.stats.loguniform</c>. Random search only.
    /// </summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="low">The lower bound, above 0.</param>
    /// <param name="high">The upper bound, above <paramref name="low"/>.</param>
    /// <returns>This space, for chaining.</returns>
    /// <exception cref="ArgumentException">
    /// The name is invalid or already declared, a bound is not finite, <paramref name="low"/> is not positive, or
    /// <paramref name="low"/> is not below <paramref name="high"/>.
    /// </exception>
    public SearchSpace LogUniform(string name, double low, double high)
    {
        CheckName(name);
        CheckInterval(name, low, high);
        if (low <= 0)
        {
            throw new ArgumentException($"LogUniform '{name}': the lower bound must be positive (was {low}).", nameof(low));
        }

        return Add(new LogUniformDimension(name, low, high));
    }

    /// <summary>Adds an integer parameter from <paramref name="low"/> to <paramref name="high"/> inclusive.</summary>
    /// <param name="name">The parameter name.</param>
    /// <param name="low">The smallest value.</param>
    /// <param name="high">The largest value, at least <paramref name="low"/>.</param>
    /// <returns>This space, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already declared, or <paramref name="low"/> exceeds <paramref name="high"/>.</exception>
    public SearchSpace IntRange(string name, int low, int high)
    {
        CheckName(name);
        if (low > high)
        {
            throw new ArgumentException($"IntRange '{name}': the lower bound {low} exceeds the upper bound {high}.", nameof(low));
        }

        return Add(new IntRangeDimension(name, low, high));
    }

    private static void CheckInterval(string name, double low, double high)
    {
        if (!double.IsFinite(low) || !double.IsFinite(high) || low >= high)
        {
            throw new ArgumentException(
                $"'{name}': the bounds must be finite with low below high (were {low} and {high}).", nameof(low));
        }
    }

    private SearchSpace AddChoice(string name, object[] values)
    {
        if (values.Length == 0)
        {
            throw new ArgumentException($"Choice '{name}' needs at least one value.", nameof(values));
        }

        if (values.Distinct().Count() != values.Length)
        {
            throw new ArgumentException($"Choice '{name}' repeats a value; each would be tried more than once.", nameof(values));
        }

        return Add(new ChoiceDimension(name, values));
    }

    private void CheckName(string name)
    {
        NameRules.Validate(name, "parameter name");
        if (_dimensions.Exists(d => string.Equals(d.Name, name, StringComparison.Ordinal)))
        {
            throw new ArgumentException($"The search space already has a parameter named '{name}'.", nameof(name));
        }
    }

    private SearchSpace Add(SearchDimension dimension)
    {
        _dimensions.Add(dimension);
        return this;
    }
}
