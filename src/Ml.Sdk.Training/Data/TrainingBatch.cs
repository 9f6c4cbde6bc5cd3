using TorchSharp;

namespace Ml.Sdk.Training;

/// <summary>One batch of a streamed dataset: features (first dimension = rows) and their labels or targets.</summary>
/// <param name="Features">Float32 features, shape <c>[rows, ...]</c>.</param>
/// <param name="Labels">Int64 class labels <c>[rows]</c> for classification, float32 targets <c>[rows]</c> or <c>[rows, k]</c> for regression.</param>
/// <remarks>The trainer disposes both tensors after the batch's step.</remarks>
public readonly record struct TrainingBatch(torch.Tensor Features, torch.Tensor Labels);
