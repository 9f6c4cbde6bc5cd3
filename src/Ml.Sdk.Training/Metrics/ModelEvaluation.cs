using System.Buffers;
using Ml.Sdk.Core.Kernels;
using Ml.Sdk.Training.Metrics.Internal;

namespace Ml.Sdk.Training.Metrics;

/// <summary>
/// Evaluates a model's raw outputs on a labelled set in one call and returns the metrics by name
/// (<see cref="MetricNames"/>), ready to log to a run.
/// </summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Evaluates a classifier from its logits: the probabilities are the row-wise softmax of the logits
    /// (<see cref="RowWise.Softmax"/>) and the predicted class is the row-wise argmax of the logits
    /// (<see cref="RowWise.ArgMax"/>, first maximum on ties).
    /// </summary>
    /// <param name="logits">The logits, row-major <c>labels.Length × classCount</c>.</param>
    /// <param name="classCount">The number of classes, at least 2.</param>
    /// <param name="labels">The true labels, each in <c>[0, classCount)</c>.</param>
    /// <returns>
    /// <see cref="MetricNames.Accuracy"/>, <see cref="MetricNames.PrecisionMacro"/>, <see cref="MetricNames.RecallMacro"/>,
    /// <see cref="MetricNames.F1Macro"/> and <see cref="MetricNames.LogLoss"/>; and <see cref="MetricNames.RocAuc"/>
    /// when <paramref name="classCount"/> is 2 and both classes occur in <paramref name="labels"/>, scored by the
    /// probability of class 1.
    /// </returns>
    /// <remarks>
    /// The argmax is taken over the logits rather than the probabilities, so two logits that differ but round to the
    /// same float probability still give distinct predictions. Logits must be finite: a row of -infinity has no softmax.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is less than 2.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="labels"/> is empty, <paramref name="logits"/> does not hold one row per label or holds NaN or an
    /// infinity, or a label lies outside <c>[0, classCount)</c>; the message names the argument and the index.
    /// </exception>
    public static IReadOnlyDictionary<string, double> Classification(ReadOnlySpan<float> logits, int classCount, ReadOnlySpan<long> labels)
    {
        MetricInput.ClassCount(classCount, minimum: 2);
        MetricInput.NotEmpty(labels.Length);
        MetricInput.RowMajor(logits.Length, labels.Length, classCount);
        MetricInput.LabelsInRange(labels, classCount);
        MetricInput.Finite(logits);

        int rows = labels.Length;
        float[] probabilityBuffer = ArrayPool<float>.Shared.Rent(logits.Length);
        int[] indexBuffer = ArrayPool<int>.Shared.Rent(rows);
        long[] predictedBuffer = ArrayPool<long>.Shared.Rent(rows);
        try
        {
            Span<float> probabilities = probabilityBuffer.AsSpan(0, logits.Length);
            Span<int> indices = indexBuffer.AsSpan(0, rows);
            Span<long> predicted = predictedBuffer.AsSpan(0, rows);
            RowWise.Softmax(logits, probabilities, classCount);
            RowWise.ArgMax(logits, classCount, indices);
            for (int i = 0; i < rows; i++)
            {
                predicted[i] = indices[i];
            }

            var results = new Dictionary<string, double>(StringComparer.Ordinal)
            {
                [MetricNames.Accuracy] = ClassificationMetrics.Accuracy(labels, predicted),
                [MetricNames.PrecisionMacro] = ClassificationMetrics.MacroPrecision(labels, predicted, classCount),
                [MetricNames.RecallMacro] = ClassificationMetrics.MacroRecall(labels, predicted, classCount),
                [MetricNames.F1Macro] = ClassificationMetrics.MacroF1(labels, predicted, classCount),
                [MetricNames.LogLoss] = ClassificationMetrics.LogLoss(labels, probabilities, classCount),
            };

            if (classCount == 2 && labels.Contains(0L) && labels.Contains(1L))
            {
                // The class-1 column, gathered in place: slot i is written after slot 2i + 1 is read, and later reads lie beyond i.
                Span<float> positive = probabilities[..rows];
                for (int i = 0; i < rows; i++)
                {
                    positive[i] = probabilities[(2 * i) + 1];
                }

                results[MetricNames.RocAuc] = ClassificationMetrics.RocAuc(labels, positive);
            }

            return results;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(probabilityBuffer);
            ArrayPool<int>.Shared.Return(indexBuffer);
            ArrayPool<long>.Shared.Return(predictedBuffer);
        }
    }

    /// <summary>Evaluates a regressor's predictions against the targets.</summary>
    /// <param name="predictions">The predicted values.</param>
    /// <param name="targets">The true values, one per prediction.</param>
    /// <returns>
    /// <see cref="MetricNames.MeanAbsoluteError"/>, <see cref="MetricNames.RootMeanSquaredError"/> and
    /// <see cref="MetricNames.R2"/> (NaN for a single sample, as sklearn).
    /// </returns>
    /// <exception cref="ArgumentException">
    /// The spans are empty or differ in length, or either holds NaN or an infinity; the message names the argument
    /// and the index.
    /// </exception>
    public static IReadOnlyDictionary<string, double> Regression(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets)
    {
        MetricInput.NotEmpty(predictions.Length);
        MetricInput.SameLength(predictions.Length, targets.Length);
        MetricInput.Finite(predictions);
        MetricInput.Finite(targets);
        return new Dictionary<string, double>(StringComparer.Ordinal)
        {
            [MetricNames.MeanAbsoluteError] = RegressionMetrics.MeanAbsoluteError(targets, predictions),
            [MetricNames.RootMeanSquaredError] = RegressionMetrics.RootMeanSquaredError(targets, predictions),
            [MetricNames.R2] = RegressionMetrics.R2(targets, predictions),
        };
    }
}
