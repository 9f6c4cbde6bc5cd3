namespace Ml.Sdk.Training.Metrics;

/// <summary>
/// The keys of the dictionaries <see cref="ModelEvaluation"/> returns, named after scikit-learn's scorer names where
/// one exists. Each is a valid tracker metric name, so a result can be logged to a run as it is.
/// </summary>
public static class MetricNames
{
    /// <summary>Accuracy, <see cref="ClassificationMetrics.Accuracy"/>.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>Macro-averaged precision, <see cref="ClassificationMetrics.MacroPrecision"/>.</summary>
    public const string PrecisionMacro = "precision_macro";

    /// <summary>Macro-averaged recall, <see cref="ClassificationMetrics.MacroRecall"/>.</summary>
    public const string RecallMacro = "recall_macro";

    /// <summary>Macro-averaged F1, <see cref="ClassificationMetrics.MacroF1"/>.</summary>
    public const string F1Macro = "f1_macro";

    /// <summary>Log loss, <see cref="ClassificationMetrics.LogLoss"/>.</summary>
    public const string LogLoss = "log_loss";

    /// <summary>Binary ROC AUC, <see cref="ClassificationMetrics.RocAuc"/>.</summary>
    public const string RocAuc = "roc_auc";

    /// <summary>Mean absolute error, <see cref="RegressionMetrics.MeanAbsoluteError"/>.</summary>
    public const string MeanAbsoluteError = "mae";

    /// <summary>Root mean squared error, <see cref="RegressionMetrics.RootMeanSquaredError"/>.</summary>
    public const string RootMeanSquaredError = "rmse";

    /// <summary>Coefficient of determination, <see cref="RegressionMetrics.R2"/>.</summary>
    public const string R2 = "r2";
}
