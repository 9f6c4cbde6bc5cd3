using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>The checks in-memory data gets before the fit, applied to each streamed batch before its step.</summary>
internal static class StreamedBatchChecks
{
    public static void Check(
        TrainingBatch batch, TrainingTask task, string where, ref OutputShape? output,
        torch.nn.Module<torch.Tensor, torch.Tensor> model, torch.Device device)
    {
        if (batch.Features is null || batch.Labels is null)
        {
            throw new InvalidOperationException($"The {where} has no features or no labels.");
        }

        if (batch.Features.dim() < 1 || batch.Labels.dim() < 1 || batch.Features.shape[0] != batch.Labels.shape[0] || batch.Features.shape[0] == 0)
        {
            throw new ArgumentException(
                $"The {where} has features {TensorChecks.FormatShape(batch.Features.shape)} and labels {TensorChecks.FormatShape(batch.Labels.shape)}: both need the same, non-zero number of rows.",
                nameof(batch));
        }

        if (batch.Features.dtype != torch.ScalarType.Float32)
        {
            throw new ArgumentException($"The {where} has {batch.Features.dtype} features; they must be float32.", nameof(batch));
        }

        TensorChecks.EnsureLabelType(batch.Labels, task, $"labels of the {where}", nameof(batch));

        TensorChecks.EnsureFinite(batch.Features, $"features of the {where}", nameof(batch));
        TensorChecks.EnsureFinite(batch.Labels, $"targets of the {where}", nameof(batch));
        output ??= OutputShape.Probe(model, batch.Features.narrow(0, 0, 1), batch.Labels.narrow(0, 0, 1), task, device);
        if (task == TrainingTask.Classification)
        {
            TensorChecks.EnsureClassLabels(batch.Labels, output.ClassCount, $"labels of the {where}", nameof(batch));
        }
    }
}
