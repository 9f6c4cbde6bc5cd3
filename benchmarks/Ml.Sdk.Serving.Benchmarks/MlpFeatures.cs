using Microsoft.ML.Data;
using Ml.Sdk.Serving.TestModels;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>ML.NET's input row for the benchmark model.</summary>
public sealed class MlpFeatures
{
    [ColumnName(MlpModel.InputName)]
    [VectorType(MlpBenchmarkModel.InputWidth)]
    public float[] Features { get; set; } = [];
}
