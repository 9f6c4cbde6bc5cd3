using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>
/// One feature of a feature service: a stored feature, pinned to the view version the service was registered against, or
/// an output of an on-demand feature view version.
/// </summary>
public sealed record ServiceFeature
{
    private readonly RegisteredFeatureView? _view;

    /// <summary>A stored feature of a view version.</summary>
    /// <param name="view">The view version it comes from.</param>
    /// <param name="field">The feature.</param>
    public ServiceFeature(RegisteredFeatureView view, Field field)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(field);
        _view = view;
        Field = field;
    }

    /// <summary>An output of an on-demand feature view version.</summary>
    /// <param name="onDemandView">The on-demand view version that computes it.</param>
    /// <param name="field">The output.</param>
    public ServiceFeature(RegisteredOnDemandFeatureView onDemandView, Field field)
    {
        ArgumentNullException.ThrowIfNull(onDemandView);
        ArgumentNullException.ThrowIfNull(field);
        OnDemandView = onDemandView;
        Field = field;
    }

    /// <summary>Gets the view version a stored feature comes from.</summary>
    /// <exception cref="InvalidOperationException">The feature is on demand (see <see cref="IsOnDemand"/> and <see cref="OnDemandView"/>).</exception>
    public RegisteredFeatureView View => _view ?? throw new InvalidOperationException(
        $"The feature '{Reference}' is computed on demand; it has no stored view. Check IsOnDemand and read OnDemandView.");

    /// <summary>Gets the on-demand view version that computes the feature, or null for a stored feature.</summary>
    public RegisteredOnDemandFeatureView? OnDemandView { get; }

    /// <summary>Gets whether the feature is computed on demand rather than stored.</summary>
    public bool IsOnDemand => OnDemandView is not null;

    /// <summary>Gets the feature.</summary>
    public Field Field { get; }

    /// <summary>Gets the name of the view (stored or on-demand) the feature comes from.</summary>
    public string ViewName => _view?.Name ?? OnDemandView!.Name;

    /// <summary>Gets the feature's reference, <c>view:feature</c> as in Feast.</summary>
    public string Reference => $"{ViewName}:{Field.Name}";

    /// <summary>Deconstructs a stored feature.</summary>
    /// <param name="view">The view version.</param>
    /// <param name="field">The feature.</param>
    /// <exception cref="InvalidOperationException">The feature is on demand.</exception>
    public void Deconstruct(out RegisteredFeatureView view, out Field field)
    {
        view = View;
        field = Field;
    }
}
