namespace Ml.Sdk.Training.Search;

/// <summary>
/// One trial of a <see cref="HyperparameterSearch"/>, as the objective sees it: its parameters, and the tracker run
/// that records it, into which the objective may log more (per-epoch metrics, artifacts).
/// </summary>
public sealed class HyperparameterTrial
{
    internal HyperparameterTrial(int index, string runId, IReadOnlyDictionary<string, object> parameters)
    {
        Index = index;
        RunId = runId;
        Parameters = parameters;
    }

    /// <summary>Gets the trial's position in the search, from 0.</summary>
    public int Index { get; }

    /// <summary>Gets the id of the running tracker run that records this trial.</summary>
    public string RunId { get; }

    /// <summary>Gets the parameters by name, in the search space's declaration order: boxed double, int or string.</summary>
    public IReadOnlyDictionary<string, object> Parameters { get; }

    /// <summary>Returns a real parameter; an integer parameter is widened.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The search space has no parameter of that name.</exception>
    /// <exception cref="InvalidCastException">The parameter is text.</exception>
    public double GetDouble(string name) => Get(name) switch
    {
        double d => d,
        int i => i,
        object other => throw WrongType(name, other, "a double"),
    };

    /// <summary>Returns an integer parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The search space has no parameter of that name.</exception>
    /// <exception cref="InvalidCastException">The parameter is real or text.</exception>
    public int GetInt(string name) => Get(name) switch
    {
        int i => i,
        object other => throw WrongType(name, other, "an int"),
    };

    /// <summary>Returns a text parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="KeyNotFoundException">The search space has no parameter of that name.</exception>
    /// <exception cref="InvalidCastException">The parameter is a number.</exception>
    public string GetString(string name) => Get(name) switch
    {
        string s => s,
        object other => throw WrongType(name, other, "a string"),
    };

    private static InvalidCastException WrongType(string name, object value, string wanted) =>
        new($"Hyperparameter '{name}' is {value.GetType().Name} {value}, not {wanted}.");

    private object Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Parameters.TryGetValue(name, out object? value)
            ? value
            : throw new KeyNotFoundException(
                $"Trial {Index} has no hyperparameter '{name}'; it has: {string.Join(", ", Parameters.Keys)}.");
    }
}
