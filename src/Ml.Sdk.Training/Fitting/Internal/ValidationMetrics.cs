using Ml.Sdk.Training.Metrics;
using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>The task's metrics over a whole validation pass, through <see cref="ModelEvaluation"/>.</summary>
internal static class ValidationMetrics
{
    public static IReadOnlyDictionary<string, double> Compute(OutputShape output, float[] outputs, torch.Tensor labels)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor cpu = labels.cpu().contiguous();
        if (output.Task == TrainingTask.Classification)
        {
            return ModelEvaluation.Classification(outputs, checked((int)output.ClassCount), cpu.data<long>().ToArray());
        }

        float[] targets = cpu.to_type(torch.ScalarType.Float32).reshape(-1).data<float>().ToArray();
        return ModelEvaluation.Regression(outputs, targets);
    }
}
