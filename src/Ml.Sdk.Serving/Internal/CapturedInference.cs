using System.Buffers;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Serving.Internal;

/// <summary>A copy of one inference's tensors, made on the serving path, published later on the observer thread.</summary>
internal sealed class CapturedInference
{
    public string ModelName { get; set; } = string.Empty;

    public string Version { get; set; } = string.Empty;

    public string? RequestId { get; set; }

    public TimeSpan Latency { get; set; }

    public DateTimeOffset Timestamp { get; set; }

    public CapturedTensorSet Inputs { get; } = new();

    public CapturedTensorSet Outputs { get; } = new();

    public void Clear()
    {
        Inputs.Clear();
        Outputs.Clear();
        RequestId = null;
    }
}

/// <summary>Copied tensors in pooled buffers, seen by observers through <see cref="IInferenceTensorSet"/>.</summary>
internal sealed class CapturedTensorSet : IInferenceTensorSet
{
    private readonly List<Entry> _entries = [];

    public int Count => _entries.Count;

    public InferenceTensor this[int index]
    {
        get
        {
            Entry entry = _entries[index];
            return new InferenceTensor(entry.Name, entry.ElementType, entry.Lengths.AsSpan(0, entry.Rank), entry.Data.AsSpan(0, entry.Length));
        }
    }

    public void Add(string name, TensorElementType elementType, ReadOnlySpan<long> shape, ReadOnlySpan<byte> data)
    {
        byte[] copy = ArrayPool<byte>.Shared.Rent(Math.Max(data.Length, 1));
        data.CopyTo(copy);
        nint[] lengths = ArrayPool<nint>.Shared.Rent(Math.Max(shape.Length, 1));
        for (int i = 0; i < shape.Length; i++)
        {
            lengths[i] = (nint)shape[i];
        }

        _entries.Add(new Entry(name, elementType, lengths, shape.Length, copy, data.Length));
    }

    public void Clear()
    {
        foreach (Entry entry in _entries)
        {
            ArrayPool<byte>.Shared.Return(entry.Data);
            ArrayPool<nint>.Shared.Return(entry.Lengths);
        }

        _entries.Clear();
    }

    private readonly record struct Entry(string Name, TensorElementType ElementType, nint[] Lengths, int Rank, byte[] Data, int Length);
}
