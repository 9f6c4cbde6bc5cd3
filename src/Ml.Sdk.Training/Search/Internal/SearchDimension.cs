namespace Ml.Sdk.Training.Search.Internal;

/// <summary>One named axis of a <see cref="SearchSpace"/>: a value for each trial, on a grid or drawn at random.</summary>
internal abstract class SearchDimension
{
    protected SearchDimension(string name) => Name = name;

    /// <summary>Gets the parameter name.</summary>
    public string Name { get; }

    /// <summary>Gets the kind, for messages (the <see cref="SearchSpace"/> method that declared it).</summary>
    public abstract string Kind { get; }

    /// <summary>Gets the number of grid points, or <see langword="null"/> for a continuous dimension.</summary>
    public abstract long? GridSize { get; }

    /// <summary>Returns grid point <paramref name="index"/>, in <c>[0, GridSize)</c>.</summary>
    public abstract object GridValue(long index);

    /// <summary>Draws one value.</summary>
    public abstract object Sample(Random random);
}
