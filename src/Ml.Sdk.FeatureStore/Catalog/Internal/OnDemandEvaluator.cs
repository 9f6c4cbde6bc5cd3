using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog.Internal;

/// <summary>
/// Runs one on-demand view's transform row after row with one input and one output reused throughout, so a row
/// allocates nothing but the boxes of its values. One per retrieval: not thread-safe.
/// </summary>
internal sealed class OnDemandEvaluator
{
    public OnDemandEvaluator(RegisteredOnDemandFeatureView view)
    {
        View = view;
        Input = new OnDemandFeatureInput(view.Name, view.Inputs, view.InputIndex);
        Output = new OnDemandFeatureOutput(view.Name, view.Outputs, view.OutputIndex);
    }

    public RegisteredOnDemandFeatureView View { get; }

    /// <summary>The inputs; fill <see cref="OnDemandFeatureInput.Values"/> (sources, then request fields) before <see cref="Run"/>.</summary>
    public OnDemandFeatureInput Input { get; }

    /// <summary>The outputs of the last <see cref="Run"/>, in the view's output order.</summary>
    public object?[] Outputs => Output.Values;

    private OnDemandFeatureOutput Output { get; }

    /// <summary>Runs the transform on the current inputs.</summary>
    /// <exception cref="OnDemandFeatureException">The transform threw (wrapped), set a value of a wrong type, or left an output unset.</exception>
    public void Run()
    {
        Output.Reset();
        try
        {
            View.View.Transform(Input, Output);
        }
        catch (OnDemandFeatureException)
        {
            throw;
        }
        catch (Exception error)
        {
            throw new OnDemandFeatureException(
                View.Name, $"The transform of the on-demand feature view '{View.Name}' (v{View.Version}) threw {error.GetType().Name}: {error.Message}", error);
        }

        Output.Complete();
    }
}
