namespace Ml.Sdk.Training;

/// <summary>What the model predicts; decides the label type, the label checks and the validation metrics.</summary>
public enum TrainingTask
{
    /// <summary>Class indices (int64 labels in <c>[0, classes)</c>); the model outputs one logit per class.</summary>
    Classification,

    /// <summary>Float targets; the model outputs the prediction itself.</summary>
    Regression,
}
