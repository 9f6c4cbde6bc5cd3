using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>
/// Batches over in-memory rows: a seeded shuffle per epoch (a function of the seed and the epoch only, so a resumed fit
/// sees the same order as an uninterrupted one, drawn by libtorch's <c>randperm</c> on a generator of its own) and the
/// last partial batch kept.
/// </summary>
internal sealed class InMemoryBatches : IDisposable
{
    private readonly torch.Tensor _features;
    private readonly torch.Tensor _labels;

    /// <summary>The training rows when a validation split took some out; <see langword="null"/> for all rows.</summary>
    private readonly torch.Tensor? _rows;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly int _seed;

    public InMemoryBatches(torch.Tensor features, torch.Tensor labels, long[]? rows, int batchSize, bool shuffle, int seed)
    {
        _features = features;
        _labels = labels;
        _rows = rows is null ? null : torch.tensor(rows);
        _batchSize = batchSize;
        _shuffle = shuffle;
        _seed = seed;
        RowCount = rows?.LongLength ?? features.shape[0];
        BatchCount = (int)((RowCount + batchSize - 1) / batchSize);
    }

    public int BatchCount { get; }

    public long RowCount { get; }

    /// <summary>Whether both tensors are on <paramref name="device"/> (then a batch needs no copy to it).</summary>
    public bool IsOn(torch.Device device) =>
        _features.device_type == device.type && _labels.device_type == device.type
        && (device.type == DeviceType.CPU || (_features.device_index == device.index && _labels.device_index == device.index));

    /// <summary>The epoch's row order as one index tensor (made once per epoch; the caller disposes it).</summary>
    public torch.Tensor EpochOrder(int epoch)
    {
        torch.Tensor order;
        if (_shuffle)
        {
            using var generator = new torch.Generator(unchecked((ulong)(uint)SeedDerivation.ForEpoch(_seed, epoch)));
            order = torch.randperm(RowCount, generator: generator);
        }
        else
        {
            order = torch.arange(RowCount, dtype: torch.ScalarType.Int64);
        }

        if (_rows is null)
        {
            return order;
        }

        using (order)
        {
            return _rows.index_select(0, order);
        }
    }

    /// <summary>The number of rows in <paramref name="batch"/>; the last batch of an epoch may be short.</summary>
    public long RowsIn(int batch) => Math.Min(_batchSize, RowCount - ((long)batch * _batchSize));

    /// <summary>The batch's rows: a view of the epoch's order, then one gather per tensor; call inside the step's dispose scope.</summary>
    public (torch.Tensor Features, torch.Tensor Labels) Batch(torch.Tensor order, int batch)
    {
        torch.Tensor index = order.narrow(0, (long)batch * _batchSize, RowsIn(batch));
        return (_features.index_select(0, index), _labels.index_select(0, index));
    }

    public void Dispose() => _rows?.Dispose();
}
