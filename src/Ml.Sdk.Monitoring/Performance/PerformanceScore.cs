namespace Ml.Sdk.Monitoring.Performance;

/// <summary>How the tracked prediction is read from the model's output row.</summary>
public enum PerformanceScore
{
    /// <summary>The column's value as the model wrote it (a probability, a score or a regression value).</summary>
    Value,

    /// <summary>
    /// The softmax of the output's first row at the column: the class probability when the model writes logits
    /// (e.g. two logits for a binary classifier, column 1 the positive class, threshold 0.5).
    /// </summary>
    Softmax,
}
