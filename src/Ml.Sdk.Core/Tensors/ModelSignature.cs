using System.Collections.Immutable;
using System.Numerics.Tensors;

namespace Ml.Sdk.Core.Tensors;

/// <summary>
/// The inputs and outputs of a model. Serving validates every request against it before anything runs; the
/// Registry stores it with each model version; Training writes it into exported models.
/// </summary>
public sealed class ModelSignature : IEquatable<ModelSignature>
{
    /// <summary>Creates a signature.</summary>
    /// <param name="inputs">The input specs, in the model's order.</param>
    /// <param name="outputs">The output specs, in the model's order.</param>
    /// <exception cref="ArgumentNullException">A list or an element is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There is no input, no output, or two inputs (or two outputs) share a name.</exception>
    public ModelSignature(IEnumerable<TensorSpec> inputs, IEnumerable<TensorSpec> outputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        Inputs = Freeze(inputs, "input", nameof(inputs));
        Outputs = Freeze(outputs, "output", nameof(outputs));
    }

    /// <summary>Gets the input specs in the model's order.</summary>
    public ImmutableArray<TensorSpec> Inputs { get; }

    /// <summary>Gets the output specs in the model's order.</summary>
    public ImmutableArray<TensorSpec> Outputs { get; }

    /// <summary>Returns the input named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The input name (ordinal comparison).</param>
    /// <returns>The spec, or <see langword="null"/> when the model has no such input.</returns>
    public TensorSpec? FindInput(string name) => Find(Inputs, name);

    /// <summary>Returns the output named <paramref name="name"/>, or <see langword="null"/>.</summary>
    /// <param name="name">The output name (ordinal comparison).</param>
    /// <returns>The spec, or <see langword="null"/> when the model has no such output.</returns>
    public TensorSpec? FindOutput(string name) => Find(Outputs, name);

    /// <summary>Returns the input named <paramref name="name"/>.</summary>
    /// <param name="name">The input name.</param>
    /// <returns>The spec.</returns>
    /// <exception cref="TensorValidationException">The model has no such input; the message lists the inputs it has.</exception>
    public TensorSpec GetInput(string name) =>
        FindInput(name) ?? throw new TensorValidationException(
            name, $"The model has no input '{name}'; its inputs are {string.Join(", ", Inputs)}.");

    /// <summary>Checks one named input tensor against the signature.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="name">The input name.</param>
    /// <param name="tensor">The tensor.</param>
    /// <exception cref="TensorValidationException">The input is unknown or does not match its spec.</exception>
    public void ValidateInput<T>(string name, in ReadOnlyTensorSpan<T> tensor) => GetInput(name).Validate(tensor);

    /// <summary>
    /// Checks that a request names every input exactly once and nothing else. Per-tensor checks are
    /// <see cref="ValidateInput{T}"/>'s.
    /// </summary>
    /// <param name="inputNames">The names the request supplies.</param>
    /// <exception cref="TensorValidationException">A name is unknown, repeated, or an input is missing.</exception>
    public void ValidateInputNames(ReadOnlySpan<string> inputNames)
    {
        for (int i = 0; i < inputNames.Length; i++)
        {
            _ = GetInput(inputNames[i]);
            for (int j = 0; j < i; j++)
            {
                if (string.Equals(inputNames[i], inputNames[j], StringComparison.Ordinal))
                {
                    throw new TensorValidationException(inputNames[i], $"Input '{inputNames[i]}' is given more than once.");
                }
            }
        }

        foreach (TensorSpec spec in Inputs)
        {
            if (!inputNames.Contains(spec.Name))
            {
                throw new TensorValidationException(spec.Name, $"Input '{spec.Name}' is missing ({spec}).");
            }
        }
    }

    /// <summary>Formats the signature as <c>(inputs) -> (outputs)</c>.</summary>
    /// <returns>The formatted signature.</returns>
    public override string ToString() => $"({string.Join(", ", Inputs)}) -> ({string.Join(", ", Outputs)})";

    /// <inheritdoc />
    public bool Equals(ModelSignature? other) =>
        other is not null && Inputs.SequenceEqual(other.Inputs) && Outputs.SequenceEqual(other.Outputs);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ModelSignature);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (TensorSpec spec in Inputs)
        {
            hash.Add(spec);
        }

        foreach (TensorSpec spec in Outputs)
        {
            hash.Add(spec);
        }

        return hash.ToHashCode();
    }

    private static TensorSpec? Find(ImmutableArray<TensorSpec> specs, string name)
    {
        foreach (TensorSpec spec in specs)
        {
            if (string.Equals(spec.Name, name, StringComparison.Ordinal))
            {
                return spec;
            }
        }

        return null;
    }

    private static ImmutableArray<TensorSpec> Freeze(IEnumerable<TensorSpec> specs, string kind, string paramName)
    {
        ImmutableArray<TensorSpec> frozen = [.. specs];
        if (frozen.IsEmpty)
        {
            throw new ArgumentException($"A model signature needs at least one {kind}.", paramName);
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (TensorSpec? spec in frozen)
        {
            if (spec is null)
            {
                throw new ArgumentNullException(paramName, $"A model signature {kind} is null.");
            }

            if (!seen.Add(spec.Name))
            {
                throw new ArgumentException($"Two {kind}s are named '{spec.Name}'.", paramName);
            }
        }

        return frozen;
    }
}
