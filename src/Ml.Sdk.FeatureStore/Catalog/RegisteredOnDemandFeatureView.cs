using System.Collections.Frozen;
using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>A version of an on-demand feature view in a catalog, its source features pinned to view versions.</summary>
public sealed class RegisteredOnDemandFeatureView
{
    internal RegisteredOnDemandFeatureView(OnDemandFeatureView view, int version, IReadOnlyList<ServiceFeature> sources)
    {
        View = view;
        Version = version;
        Sources = sources;
        Inputs = [.. sources.Select(s => s.Field), .. view.RequestFields];
        InputIndex = Inputs.Select((f, i) => KeyValuePair.Create(f.Name, i)).ToFrozenDictionary(StringComparer.Ordinal);
        OutputIndex = view.Outputs.Select((f, i) => KeyValuePair.Create(f.Name, i)).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Gets the definition.</summary>
    public OnDemandFeatureView View { get; }

    /// <summary>Gets its version: 1 for the first definition of the name, one more for each change (including a change of a view it reads).</summary>
    public int Version { get; }

    /// <summary>Gets the stored features it reads, each pinned to the view version it was registered against, in input order.</summary>
    public IReadOnlyList<ServiceFeature> Sources { get; }

    /// <summary>Gets the view's name.</summary>
    public string Name => View.Name;

    /// <summary>Gets the fields the request supplies.</summary>
    public IReadOnlyList<Field> RequestFields => View.RequestFields;

    /// <summary>Gets the features it computes.</summary>
    public IReadOnlyList<Field> Outputs => View.Outputs;

    /// <summary>Gets every output of the view, in its order, ready for a retrieval.</summary>
    public IReadOnlyList<ServiceFeature> AllFeatures => [.. View.Outputs.Select(f => new ServiceFeature(this, f))];

    /// <summary>Gets the inputs of the transform: the source features, then the request fields.</summary>
    internal IReadOnlyList<Field> Inputs { get; }

    internal FrozenDictionary<string, int> InputIndex { get; }

    internal FrozenDictionary<string, int> OutputIndex { get; }

    /// <summary>Gets the output of the view with the given name, or null.</summary>
    /// <param name="name">The output's name.</param>
    public Field? FindOutput(string name) => View.Outputs.FirstOrDefault(f => f.Name == name);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} v{Version} (on demand)";
}
