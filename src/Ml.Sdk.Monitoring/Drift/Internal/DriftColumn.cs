namespace Ml.Sdk.Monitoring.Drift.Internal;

/// <summary>One column of a <see cref="DriftDataset"/>, as the profile builder and the detector read it.</summary>
internal sealed class DriftColumn
{
    private DriftColumn(string name, DriftColumnSource source, ReadOnlyMemory<float> floats, IReadOnlyList<string?>? labels, int length)
    {
        Name = name;
        Source = source;
        Floats = floats;
        Labels = labels;
        Length = length;
    }

    public string Name { get; }

    public DriftColumnSource Source { get; }

    public ColumnKind Kind => Source == DriftColumnSource.Numeric ? ColumnKind.Numeric : ColumnKind.Categorical;

    /// <summary>Gets the numeric values or the categorical codes; empty for label columns.</summary>
    public ReadOnlyMemory<float> Floats { get; }

    /// <summary>Gets the labels of a label column; <see langword="null"/> otherwise.</summary>
    public IReadOnlyList<string?>? Labels { get; }

    public int Length { get; }

    public static DriftColumn Numeric(string name, ReadOnlyMemory<float> values) =>
        new(name, DriftColumnSource.Numeric, values, null, values.Length);

    public static DriftColumn CategoricalLabels(string name, IReadOnlyList<string?> labels) =>
        new(name, DriftColumnSource.Labels, ReadOnlyMemory<float>.Empty, labels, labels.Count);

    public static DriftColumn CategoricalCodes(string name, ReadOnlyMemory<float> codes) =>
        new(name, DriftColumnSource.Codes, codes, null, codes.Length);
}
