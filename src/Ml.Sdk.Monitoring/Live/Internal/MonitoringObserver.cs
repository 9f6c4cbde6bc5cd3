using System.Numerics;
using Ml.Sdk.Core.Observability;
using Ml.Sdk.Core.Tensors;
using Ml.Sdk.Monitoring.Performance;

namespace Ml.Sdk.Monitoring.Live.Internal;

/// <summary>
/// Monitoring's <see cref="IInferenceObserver"/>. It runs on Serving's observer thread, so it returns at once and
/// allocates nothing in steady state: a dictionary lookup of the model, a hash to sample, a copy of the monitored
/// columns into a pooled buffer, and a <c>TryWrite</c> into the bounded queue (a full queue drops and counts).
/// </summary>
internal sealed class MonitoringObserver(MonitoringService service) : IInferenceObserver
{
    public void OnInference(in InferenceEvent inference)
    {
        if (!service.TryGetModel(inference.ModelName, out MonitoredModel? model) || !model.ShouldSample())
        {
            return;
        }

        SampledInference sample = service.Rent();
        if (!TryCopy(in inference, model, sample))
        {
            model.CountUnreadable();
            service.Recycle(sample);
            return;
        }

        int rows = sample.Rows;
        if (!service.TryEnqueue(sample))
        {
            // The sample may not be touched after a successful write; on failure it is still ours to recycle.
            model.CountDropped(rows);
            service.Recycle(sample);
            return;
        }

        model.CountSampled(rows);
    }

    /// <summary>Copies the monitored columns (and the tracked prediction) of <paramref name="inference"/> into <paramref name="sample"/>.</summary>
    internal static bool TryCopy(in InferenceEvent inference, MonitoredModel model, SampledInference sample)
    {
        ModelMonitorSettings settings = model.Settings;
        int rows = -1;
        if (!TryCopyTensors(inference.Inputs, settings.Inputs, settings.ColumnCount, sample, ref rows)
            || !TryCopyTensors(inference.Outputs, settings.Outputs, settings.ColumnCount, sample, ref rows))
        {
            return false;
        }

        sample.Model = model;
        sample.ModelVersion = inference.ModelVersion;
        sample.RequestId = inference.RequestId;
        sample.TimestampTicks = inference.Timestamp.UtcTicks;
        sample.Rows = rows;
        sample.Prediction = double.NaN;
        if (settings.Performance is { } performance && inference.RequestId is not null
            && TryFind(inference.Outputs, performance.OutputTensor, out InferenceTensor output)
            && TryShape(output, out _, out int width) && performance.Column < width)
        {
            sample.Prediction = performance.Score == PerformanceScore.Softmax
                ? Softmax(output, performance.Column, width)
                : Read(output, performance.Column);
        }

        return true;
    }

    private static bool TryCopyTensors(IInferenceTensorSet set, MonitoredTensorLayout[] layouts, int columnCount, SampledInference sample, ref int rows)
    {
        for (int t = 0; t < layouts.Length; t++)
        {
            MonitoredTensorLayout layout = layouts[t];
            if (!TryFind(set, layout.TensorName, out InferenceTensor tensor)
                || !TryShape(tensor, out int tensorRows, out int width)
                || width < layout.RequiredWidth
                || (rows >= 0 && tensorRows != rows))
            {
                return false;
            }

            if (rows < 0)
            {
                rows = tensorRows;
                sample.EnsureCapacity(rows * columnCount);
            }

            bool copied = tensor.ElementType switch
            {
                TensorElementType.Float32 => Copy(tensor.GetData<float>(), layout, rows, width, columnCount, sample.Values),
                TensorElementType.Float64 => Copy(tensor.GetData<double>(), layout, rows, width, columnCount, sample.Values),
                TensorElementType.Int32 => Copy(tensor.GetData<int>(), layout, rows, width, columnCount, sample.Values),
                TensorElementType.Int64 => Copy(tensor.GetData<long>(), layout, rows, width, columnCount, sample.Values),
                _ => false,
            };
            if (!copied)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Copy<T>(ReadOnlySpan<T> data, MonitoredTensorLayout layout, int rows, int width, int columnCount, float[] destination)
        where T : unmanaged, INumberBase<T>
    {
        if (data.Length < rows * width)
        {
            return false;
        }

        int[] columns = layout.Columns;
        int[] slots = layout.Slots;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = data.Slice(r * width, width);
            Span<float> target = destination.AsSpan(r * columnCount, columnCount);
            for (int k = 0; k < columns.Length; k++)
            {
                target[slots[k]] = float.CreateSaturating(row[columns[k]]);
            }
        }

        return true;
    }

    private static bool TryFind(IInferenceTensorSet set, string name, out InferenceTensor tensor)
    {
        int count = set.Count;
        for (int i = 0; i < count; i++)
        {
            InferenceTensor candidate = set[i];
            if (string.Equals(candidate.Name, name, StringComparison.Ordinal))
            {
                tensor = candidate;
                return true;
            }
        }

        tensor = default;
        return false;
    }

    /// <summary>Reads a tensor as rows of its last dimension: <c>[n]</c> is one row, <c>[batch, ..., n]</c> is batch × ... rows.</summary>
    private static bool TryShape(InferenceTensor tensor, out int rows, out int width)
    {
        ReadOnlySpan<nint> lengths = tensor.Lengths;
        rows = 0;
        width = 0;
        if (lengths.Length == 0 || lengths[^1] <= 0)
        {
            return false;
        }

        long total = 1;
        for (int i = 0; i < lengths.Length - 1; i++)
        {
            total *= lengths[i];
        }

        if (total <= 0 || total > int.MaxValue || lengths[^1] > int.MaxValue)
        {
            return false;
        }

        rows = (int)total;
        width = (int)lengths[^1];
        return true;
    }

    /// <summary>The softmax of the first row at <paramref name="column"/>, shifted by the row's maximum so that no exponential overflows.</summary>
    private static double Softmax(InferenceTensor tensor, int column, int width)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < width; i++)
        {
            max = Math.Max(max, Read(tensor, i));
        }

        double sum = 0;
        for (int i = 0; i < width; i++)
        {
            sum += Math.Exp(Read(tensor, i) - max);
        }

        return Math.Exp(Read(tensor, column) - max) / sum;
    }

    private static double Read(InferenceTensor tensor, int index) => tensor.ElementType switch
    {
        TensorElementType.Float32 => tensor.GetData<float>()[index],
        TensorElementType.Float64 => tensor.GetData<double>()[index],
        TensorElementType.Int32 => tensor.GetData<int>()[index],
        TensorElementType.Int64 => tensor.GetData<long>()[index],
        _ => double.NaN,
    };
}
