using Microsoft.ML.Data;
using Ml.Sdk.Serving.TestModels;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>ML.NET's output row for the benchmark model.</summary>
public sealed class MlpLogits
{
    [ColumnName(MlpModel.OutputName)]
    [VectorType(MlpBenchmarkModel.OutputWidth)]
    public float[] Logits { get; set; } = [];
}
