using Ml.Sdk.Monitoring.Drift;

namespace Ml.Sdk.Monitoring.Profiles.Internal;

/// <summary>One column of a <see cref="ReferenceProfile"/>: its name and the summary of its kind.</summary>
internal sealed class ColumnProfile
{
    public ColumnProfile(string name, NumericColumnProfile numeric)
    {
        Name = name;
        Kind = ColumnKind.Numeric;
        Numeric = numeric;
    }

    public ColumnProfile(string name, CategoricalColumnProfile categorical)
    {
        Name = name;
        Kind = ColumnKind.Categorical;
        Categorical = categorical;
    }

    public string Name { get; }

    public ColumnKind Kind { get; }

    public NumericColumnProfile? Numeric { get; }

    public CategoricalColumnProfile? Categorical { get; }

    /// <summary>Gets how many reference values are not missing.</summary>
    public long Count => Numeric?.Count ?? Categorical!.Count;
}
