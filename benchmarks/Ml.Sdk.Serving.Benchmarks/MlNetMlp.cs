using Microsoft.ML;
using Ml.Sdk.Serving.TestModels;

namespace Ml.Sdk.Serving.Benchmarks;

/// <summary>
/// The peer library: ML.NET's <c>ApplyOnnxModel</c> on the same file (ONNX Runtime underneath, at the version pinned
/// centrally), fitted on an empty view, with a <see cref="PredictionEngine{TSrc,TDst}"/> per caller (it is not
/// thread-safe; Microsoft.Extensions.ML's pool is not in the NuGet copy this project builds against).
/// </summary>
internal sealed class MlNetMlp : IDisposable
{
    private readonly MLContext _context = new(seed: 0);
    private readonly ITransformer _transformer;

    public MlNetMlp(string path)
    {
        var pipeline = _context.Transforms.ApplyOnnxModel(
            outputColumnNames: [MlpModel.OutputName], inputColumnNames: [MlpModel.InputName], modelFile: path);
        _transformer = pipeline.Fit(_context.Data.LoadFromEnumerable(Array.Empty<MlpFeatures>()));
    }

    public PredictionEngine<MlpFeatures, MlpLogits> CreateEngine() =>
        _context.Model.CreatePredictionEngine<MlpFeatures, MlpLogits>(_transformer);

    public void Dispose() => (_transformer as IDisposable)?.Dispose();
}
