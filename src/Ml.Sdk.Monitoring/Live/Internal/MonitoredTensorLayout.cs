namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// A monitored tensor after validation: which of its last-dimension columns are copied (<see cref="Columns"/>) and
/// into which slot of a sampled row each goes (<see cref="Slots"/>, parallel to <see cref="Columns"/>).
/// </summary>
internal sealed record MonitoredTensorLayout(string TensorName, int[] Columns, int[] Slots)
{
    /// <summary>Gets the largest tensor column read plus one: the least last-dimension length the tensor must have.</summary>
    public int RequiredWidth { get; } = Columns.Length == 0 ? 0 : Columns.Max() + 1;
}
