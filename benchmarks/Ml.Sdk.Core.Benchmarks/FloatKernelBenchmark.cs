using BenchmarkDotNet.Attributes;

namespace Ml.Sdk.Core.Benchmarks;

/// <summary>
/// The frame every Core kernel scenario shares: N input floats from a fixed seed (1K, 64K and 4M elements), an
/// output buffer of the same length, and a hook for scenario-specific buffers. Row-wise scenarios read the input as
/// rows of <see cref="BenchmarkData.RowLength"/>.
/// </summary>
public abstract class FloatKernelBenchmark
{
    [Params(1024, 65536, 4194304)]
    public int N { get; set; }

    protected float[] Input { get; private set; } = [];

    protected float[] Output { get; private set; } = [];

    protected int Rows => N / BenchmarkData.RowLength;

    [GlobalSetup]
    public void Setup()
    {
        Input = CreateInput(N);
        Output = new float[N];
        SetupScenario();
    }

    /// <summary>Logits-like uniform values by default; feature-like scenarios use normal values.</summary>
    protected virtual float[] CreateInput(int length) => BenchmarkData.Uniform(length);

    protected virtual void SetupScenario()
    {
    }
}
