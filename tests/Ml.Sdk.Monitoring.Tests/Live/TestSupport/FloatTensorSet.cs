using System.Runtime.InteropServices;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Core.Tensors;

namespace Ml.Sdk.Monitoring.Tests.Live.TestSupport;

/// <summary>An <see cref="IInferenceTensorSet"/> over float arrays, as Serving's pooled buffers would present them; the arrays may be refilled between events.</summary>
internal sealed class FloatTensorSet : IInferenceTensorSet
{
    private readonly List<(string Name, float[] Data, nint[] Lengths)> _tensors = [];

    public int Count => _tensors.Count;

    public InferenceTensor this[int index]
    {
        get
        {
            (string name, float[] data, nint[] lengths) = _tensors[index];
            return new InferenceTensor(name, TensorElementType.Float32, lengths, MemoryMarshal.AsBytes(data.AsSpan()));
        }
    }

    public FloatTensorSet Add(string name, float[] data, params nint[] lengths)
    {
        _tensors.Add((name, data, lengths));
        return this;
    }
}
