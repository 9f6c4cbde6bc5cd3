using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>On-demand feature views in the catalog.</summary>
public sealed partial class FeatureCatalog
{
    private readonly Dictionary<string, List<RegisteredOnDemandFeatureView>> _onDemandViews = new(StringComparer.Ordinal);

    /// <summary>Gets the latest version of every registered on-demand feature view.</summary>
    public IReadOnlyList<RegisteredOnDemandFeatureView> OnDemandViews
    {
        get
        {
            lock (_gate)
            {
                return [.. _onDemandViews.Values.Select(versions => versions[^1])];
            }
        }
    }

    /// <summary>
    /// Registers an on-demand feature view against the latest version of each view it reads: version 1 if the name is
    /// new, the latest version if the definition is the same (sources resolving to the same view versions, request
    /// fields, outputs, description), and a new version otherwise.
    /// </summary>
    /// <param name="view">The on-demand view; the views it reads must be registered.</param>
    /// <returns>The registered version.</returns>
    /// <remarks>
    /// Delegates cannot be compared for what they compute: the same definition registered again with a transform of
    /// another method is rejected, so that a changed computation never hides behind an old version. Give it a new name.
    /// </remarks>
    /// <exception cref="FeatureDefinitionException">
    /// The view is invalid: a bad name or one taken by a feature view, no source or an unknown source view or feature, no
    /// output, a bad or repeated field, an output named like an input, no transform, or only the transform changed.
    /// </exception>
    public RegisteredOnDemandFeatureView Register(OnDemandFeatureView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        DefinitionRules.CheckName(view.Name, "on-demand feature view");
        string where = $"on-demand feature view '{view.Name}'";
        if (view.Transform is null)
        {
            throw new FeatureDefinitionException($"The {where} has no transform.");
        }

        if (view.Sources.Count == 0)
        {
            throw new FeatureDefinitionException($"The {where} reads no feature view; it needs at least one source.");
        }

        if (view.Outputs.Count == 0)
        {
            throw new FeatureDefinitionException($"The {where} has no output.");
        }

        DefinitionRules.CheckFields(view.RequestFields, where, "request field");
        DefinitionRules.CheckFields(view.Outputs, where, "output");
        lock (_gate)
        {
            if (_views.ContainsKey(view.Name))
            {
                throw new FeatureDefinitionException($"The {where} has the name of a feature view; view names are shared.");
            }

            var sources = new List<ServiceFeature>();
            foreach (FeatureProjection projection in view.Sources)
            {
                if (projection?.View is null || !_views.TryGetValue(projection.View, out List<RegisteredFeatureView>? versions))
                {
                    throw new FeatureDefinitionException(
                        projection?.View is not null && _onDemandViews.ContainsKey(projection.View)
                            ? $"The {where} reads the on-demand feature view '{projection.View}'; on-demand views read stored feature views only."
                            : $"The {where} reads the unknown feature view '{projection?.View}'.");
                }

                RegisteredFeatureView source = versions[^1];
                IEnumerable<string> taken = projection.Features is { Count: > 0 } named ? named : source.View.Features.Select(f => f.Name);
                foreach (string name in taken)
                {
                    Field field = source.FindFeature(name) ?? throw new FeatureDefinitionException(
                        $"The {where} reads '{projection.View}:{name}', which {source} does not have.");
                    sources.Add(new ServiceFeature(source, field));
                }
            }

            var inputs = new HashSet<string>(StringComparer.Ordinal);
            foreach (Field input in sources.Select(s => s.Field).Concat(view.RequestFields))
            {
                if (!inputs.Add(input.Name))
                {
                    throw new FeatureDefinitionException(
                        $"The {where} has two inputs named '{input.Name}' (source features and request fields share one namespace).");
                }
            }

            foreach (Field output in view.Outputs)
            {
                if (inputs.Contains(output.Name))
                {
                    throw new FeatureDefinitionException(
                        $"The output '{output.Name}' of the {where} has the name of one of its inputs (a source feature or a request field).");
                }
            }

            if (!_onDemandViews.TryGetValue(view.Name, out List<RegisteredOnDemandFeatureView>? existing))
            {
                existing = [];
                _onDemandViews.Add(view.Name, existing);
            }
            else if (existing[^1] is { } latest
                && latest.Sources.SequenceEqual(sources)
                && latest.RequestFields.SequenceEqual(view.RequestFields)
                && latest.Outputs.SequenceEqual(view.Outputs)
                && latest.View.Description == view.Description)
            {
                return latest.View.Transform.Method == view.Transform.Method
                    ? latest
                    : throw new FeatureDefinitionException(
                        $"The {where} is registered ({latest}) with the same definition and another transform ({latest.View.Transform.Method.Name}, now {view.Transform.Method.Name}); a transform cannot be compared with another, so register the new computation under a new name.");
            }

            var registered = new RegisteredOnDemandFeatureView(view, existing.Count + 1, sources);
            existing.Add(registered);
            return registered;
        }
    }

    /// <summary>Gets a version of an on-demand feature view.</summary>
    /// <param name="name">The view's name.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <exception cref="FeatureDefinitionException">No on-demand view has that name or version.</exception>
    public RegisteredOnDemandFeatureView GetOnDemandView(string name, int? version = null)
    {
        lock (_gate)
        {
            return _onDemandViews.TryGetValue(name, out List<RegisteredOnDemandFeatureView>? versions)
                ? Pick(versions, version, $"on-demand feature view '{name}'")
                : throw new FeatureDefinitionException($"No on-demand feature view is named '{name}'.");
        }
    }

    private RegisteredOnDemandFeatureView? FindOnDemandView(string name)
    {
        lock (_gate)
        {
            return _onDemandViews.TryGetValue(name, out List<RegisteredOnDemandFeatureView>? versions) ? versions[^1] : null;
        }
    }

    private static void AddServiceFeature(FeatureService service, List<ServiceFeature> features, HashSet<string> names, ServiceFeature feature)
    {
        if (!names.Add(feature.Field.Name))
        {
            throw new FeatureDefinitionException(
                $"The feature service '{service.Name}' has two features named '{feature.Field.Name}'; feature names must be unique in a service.");
        }

        features.Add(feature);
    }
}
