namespace Ml.Sdk.Training;

/// <summary>The figures of one finished epoch.</summary>
/// <param name="Epoch">The epoch, counted from 1.</param>
/// <param name="GlobalStep">Optimizer steps taken since the fit began (resumed fits count the earlier steps).</param>
/// <param name="Metrics">
/// <c>train_loss</c> (mean batch loss), and with validation data <c>val_loss</c> and <c>val_</c>-prefixed metrics
/// (<c>val_accuracy</c>, <c>val_f1_macro</c>... for classification; <c>val_rmse</c>... for regression), and <c>lr</c>.
/// </param>
/// <param name="Duration">Wall time of the epoch.</param>
public sealed record EpochSummary(int Epoch, long GlobalStep, IReadOnlyDictionary<string, double> Metrics, TimeSpan Duration);
