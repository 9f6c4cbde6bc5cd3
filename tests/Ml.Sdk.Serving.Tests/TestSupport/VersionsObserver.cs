using System.Collections.Concurrent;
using Ml.Sdk.Core.Observability;

namespace Ml.Sdk.Serving.Tests.TestSupport;

/// <summary>An inference observer that keeps, for every event, the model, the version and the factor its output shows.</summary>
internal sealed class VersionsObserver : IInferenceObserver
{
    private readonly ConcurrentQueue<ObservedInference> _events = new();

    public IReadOnlyList<ObservedInference> Events => [.. _events];

    public int Count(string model, string version) => _events.Count(e => e.Model == model && e.Version == version);

    public void OnInference(in InferenceEvent inference)
    {
        ReadOnlySpan<float> input = inference.Inputs[0].GetData<float>();
        ReadOnlySpan<float> output = inference.Outputs[0].GetData<float>();
        float factor;
        try
        {
            factor = VersionsModels.FactorOf(input, output);
        }
        catch (InvalidOperationException)
        {
            factor = float.NaN;
        }

        _events.Enqueue(new ObservedInference(inference.ModelName, inference.ModelVersion, inference.RequestId, factor));
    }
}

internal sealed record ObservedInference(string Model, string Version, string? RequestId, float Factor);
