using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>
/// Batches over in-memory rows: a seeded shuffle per epoch (a function of the seed and the epoch only, so a resumed fit
/// sees the same order as an uninterrupted one) and the last partial batch kept.
/// </summary>
internal sealed class InMemoryBatches
{
    private readonly torch.Tensor _features;
    private readonly torch.Tensor _labels;
    private readonly long[] _rows;
    private readonly int _batchSize;
    private readonly bool _shuffle;
    private readonly int _seed;

    public InMemoryBatches(torch.Tensor features, torch.Tensor labels, long[] rows, int batchSize, bool shuffle, int seed)
    {
        _features = features;
        _labels = labels;
        _rows = rows;
        _batchSize = batchSize;
        _shuffle = shuffle;
        _seed = seed;
        BatchCount = (int)((rows.LongLength + batchSize - 1) / batchSize);
    }

    public int BatchCount { get; }

    public long RowCount => _rows.LongLength;

    public long[] EpochOrder(int epoch)
    {
        long[] order = (long[])_rows.Clone();
        if (_shuffle)
        {
            new Random(SeedDerivation.ForEpoch(_seed, epoch)).Shuffle(order);
        }

        return order;
    }

    /// <summary>The batch's rows; call inside the step's dispose scope.</summary>
    public (torch.Tensor Features, torch.Tensor Labels) Batch(long[] order, int batch)
    {
        int start = batch * _batchSize;
        int count = (int)Math.Min(_batchSize, order.LongLength - start);
        torch.Tensor index = torch.tensor(order.AsSpan(start, count).ToArray());
        return (_features.index_select(0, index), _labels.index_select(0, index));
    }
}
