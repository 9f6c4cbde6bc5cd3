namespace Ml.Sdk.FeatureStore.Definitions;

/// <summary>
/// Computes an on-demand feature view's outputs for one row from its inputs: the source features read from stored views
/// and the request fields supplied with the request.
/// </summary>
/// <param name="input">The row's inputs, by name; reused from row to row, so read it during the call only.</param>
/// <param name="output">Where the outputs go: call <see cref="OnDemandFeatureOutput.Set"/> once for each output.</param>
/// <remarks>
/// Runs once per row, synchronously, in training (historical retrieval) and in serving (online retrieval) alike, so that
/// both compute the same values. It must not keep <paramref name="input"/> or <paramref name="output"/>, and it may run on
/// several threads at once for different requests.
/// </remarks>
public delegate void OnDemandTransform(OnDemandFeatureInput input, OnDemandFeatureOutput output);
