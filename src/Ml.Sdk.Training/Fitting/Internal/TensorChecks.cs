using System.Globalization;
using TorchSharp;

namespace Ml.Sdk.Training.Fitting.Internal;

/// <summary>Checks of a dataset's tensors that name the first offending row.</summary>
internal static class TensorChecks
{
    public static void EnsureFinite(torch.Tensor values, string what, string paramName)
    {
        if (!values.is_floating_point())
        {
            return;
        }

        using var scope = torch.NewDisposeScope();
        if (torch.isfinite(values).all().item<bool>())
        {
            return;
        }

        // Only a failing check pays for finding the first offending row.
        torch.Tensor bad = torch.isfinite(values).logical_not();

        long row = bad.reshape(values.shape[0], -1).any(1).nonzero()[0, 0].item<long>();
        float sample = values.reshape(values.shape[0], -1)[row].masked_select(bad.reshape(values.shape[0], -1)[row])[0].item<float>();
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The {what} hold {sample} at row {row}: NaN and infinities are not allowed."),
            paramName);
    }

    public static void EnsureLabelType(torch.Tensor labels, TrainingTask task, string what, string paramName)
    {
        if (task == TrainingTask.Classification && labels.dtype != torch.ScalarType.Int64)
        {
            throw new ArgumentException($"Classification needs the {what} as int64 class indices; got {labels.dtype}. Use TrainingTask.Regression for float targets.", paramName);
        }

        if (task == TrainingTask.Regression && labels.dtype != torch.ScalarType.Float32)
        {
            throw new ArgumentException($"Regression needs the {what} as float32 targets; got {labels.dtype}. Use TrainingTask.Classification for class indices.", paramName);
        }
    }

    public static void EnsureClassLabels(torch.Tensor labels, long classCount, string what, string paramName)
    {
        if (labels.dtype != torch.ScalarType.Int64 || labels.dim() != 1)
        {
            throw new ArgumentException(
                $"Classification needs the {what} as int64 class indices of shape [rows]; got {labels.dtype} {FormatShape(labels.shape)}.",
                paramName);
        }

        using var scope = torch.NewDisposeScope();
        if (labels.min().item<long>() >= 0 && labels.max().item<long>() < classCount)
        {
            return;
        }

        torch.Tensor bad = labels.lt(0).logical_or(labels.ge(classCount));

        long row = bad.nonzero()[0, 0].item<long>();
        long label = labels[row].item<long>();
        throw new ArgumentException(
            string.Create(CultureInfo.InvariantCulture, $"The {what} hold class {label} at row {row}, outside the model's output range [0, {classCount - 1}] ({classCount} outputs)."),
            paramName);
    }

    public static string FormatShape(ReadOnlySpan<long> shape)
    {
        var parts = new string[shape.Length];
        for (int i = 0; i < shape.Length; i++)
        {
            parts[i] = shape[i].ToString(CultureInfo.InvariantCulture);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
