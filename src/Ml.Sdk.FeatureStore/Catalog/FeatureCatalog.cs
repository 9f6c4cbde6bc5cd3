using Ml.Sdk.FeatureStore.Definitions;

namespace Ml.Sdk.FeatureStore.Catalog;

/// <summary>
/// The registered definitions: entities, versioned feature views and versioned feature services. Every definition is
/// validated when it is registered, and nothing registered ever changes: a changed view or service is a new version.
/// </summary>
/// <remarks>Safe to use from several threads.</remarks>
public sealed partial class FeatureCatalog
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entity> _entities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RegisteredFeatureView>> _views = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RegisteredFeatureService>> _services = new(StringComparer.Ordinal);

    /// <summary>Gets the registered entities.</summary>
    public IReadOnlyList<Entity> Entities
    {
        get
        {
            lock (_gate)
            {
                return [.. _entities.Values];
            }
        }
    }

    /// <summary>Gets the latest version of every registered view.</summary>
    public IReadOnlyList<RegisteredFeatureView> Views
    {
        get
        {
            lock (_gate)
            {
                return [.. _views.Values.Select(versions => versions[^1])];
            }
        }
    }

    /// <summary>Gets the latest version of every registered service.</summary>
    public IReadOnlyList<RegisteredFeatureService> Services
    {
        get
        {
            lock (_gate)
            {
                return [.. _services.Values.Select(versions => versions[^1])];
            }
        }
    }

    /// <summary>Registers an entity; registering the same entity again is harmless.</summary>
    /// <param name="entity">The entity.</param>
    /// <exception cref="FeatureDefinitionException">The entity is invalid, or an entity of that name has other join keys.</exception>
    public void Register(Entity entity)
    {
        DefinitionRules.CheckEntity(entity);
        lock (_gate)
        {
            if (_entities.TryGetValue(entity.Name, out Entity? existing))
            {
                if (!existing.JoinKeys.SequenceEqual(entity.JoinKeys))
                {
                    throw new FeatureDefinitionException(
                        $"Entity '{entity.Name}' is registered with join keys ({string.Join(", ", existing.JoinKeys)}); it cannot change to ({string.Join(", ", entity.JoinKeys)}). Register a new entity instead.");
                }

                return;
            }

            _entities.Add(entity.Name, entity);
        }
    }

    /// <summary>
    /// Registers a feature view: version 1 if the name is new, the latest version if the definition is the same as it,
    /// and a new version otherwise.
    /// </summary>
    /// <param name="view">The view; its entities must be registered.</param>
    /// <returns>The registered version.</returns>
    /// <exception cref="FeatureDefinitionException">The view is invalid: an unknown entity, a duplicate feature or column, a bad TTL or source.</exception>
    public RegisteredFeatureView Register(FeatureView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        DefinitionRules.CheckName(view.Name, "feature view");
        lock (_gate)
        {
            if (view.Entities.Count == 0)
            {
                throw new FeatureDefinitionException($"The feature view '{view.Name}' names no entity.");
            }

            var joinKeys = new List<Field>();
            foreach (string entityName in view.Entities)
            {
                if (entityName is null || !_entities.TryGetValue(entityName, out Entity? entity))
                {
                    throw new FeatureDefinitionException(
                        $"The feature view '{view.Name}' names the unknown entity '{entityName}'; register the entity first.");
                }

                joinKeys.AddRange(entity.JoinKeys);
            }

            DefinitionRules.CheckView(view, joinKeys);
            if (_onDemandViews.ContainsKey(view.Name))
            {
                throw new FeatureDefinitionException($"The feature view '{view.Name}' has the name of an on-demand feature view; view names are shared.");
            }

            if (!_views.TryGetValue(view.Name, out List<RegisteredFeatureView>? versions))
            {
                versions = [];
                _views.Add(view.Name, versions);
            }
            else if (ViewDefinitionEquality.Same(versions[^1].View, view))
            {
                return versions[^1];
            }

            var registered = new RegisteredFeatureView(view, versions.Count + 1, joinKeys);
            versions.Add(registered);
            return registered;
        }
    }

    /// <summary>
    /// Registers a feature service against the latest version of each view it reads: version 1 if the name is new, the
    /// latest version if it resolves to the same features, and a new version otherwise.
    /// </summary>
    /// <param name="service">The service; its views must be registered.</param>
    /// <returns>The registered version, its features pinned to view versions.</returns>
    /// <exception cref="FeatureDefinitionException">An unknown view or feature, a feature taken twice, or two features with one name.</exception>
    public RegisteredFeatureService Register(FeatureService service)
    {
        ArgumentNullException.ThrowIfNull(service);
        DefinitionRules.CheckName(service.Name, "feature service");
        if (service.Projections.Count == 0)
        {
            throw new FeatureDefinitionException($"The feature service '{service.Name}' takes no feature.");
        }

        lock (_gate)
        {
            var features = new List<ServiceFeature>();
            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (FeatureProjection projection in service.Projections)
            {
                if (projection?.View is not null && _onDemandViews.TryGetValue(projection.View, out List<RegisteredOnDemandFeatureView>? onDemandVersions))
                {
                    RegisteredOnDemandFeatureView onDemand = onDemandVersions[^1];
                    IEnumerable<string> outputs = projection.Features is { Count: > 0 } namedOutputs ? namedOutputs : onDemand.Outputs.Select(f => f.Name);
                    foreach (string name in outputs)
                    {
                        Field field = onDemand.FindOutput(name) ?? throw new FeatureDefinitionException(
                            $"The feature service '{service.Name}' takes '{projection.View}:{name}', which {onDemand} does not output.");
                        AddServiceFeature(service, features, names, new ServiceFeature(onDemand, field));
                    }

                    continue;
                }

                if (projection?.View is null || !_views.TryGetValue(projection.View, out List<RegisteredFeatureView>? versions))
                {
                    throw new FeatureDefinitionException(
                        $"The feature service '{service.Name}' reads the unknown feature view '{projection?.View}'.");
                }

                RegisteredFeatureView view = versions[^1];
                IEnumerable<string> taken = projection.Features is { Count: > 0 } named ? named : view.View.Features.Select(f => f.Name);
                foreach (string name in taken)
                {
                    Field field = view.FindFeature(name) ?? throw new FeatureDefinitionException(
                        $"The feature service '{service.Name}' takes '{projection.View}:{name}', which {view} does not have.");
                    AddServiceFeature(service, features, names, new ServiceFeature(view, field));
                }
            }

            if (!_services.TryGetValue(service.Name, out List<RegisteredFeatureService>? serviceVersions))
            {
                serviceVersions = [];
                _services.Add(service.Name, serviceVersions);
            }
            else if (serviceVersions[^1].Features.SequenceEqual(features))
            {
                return serviceVersions[^1];
            }

            var registered = new RegisteredFeatureService(service, serviceVersions.Count + 1, features);
            serviceVersions.Add(registered);
            return registered;
        }
    }

    /// <summary>Gets an entity.</summary>
    /// <param name="name">The entity's name.</param>
    /// <exception cref="FeatureDefinitionException">No entity has that name.</exception>
    public Entity GetEntity(string name)
    {
        lock (_gate)
        {
            return _entities.TryGetValue(name, out Entity? entity)
                ? entity
                : throw new FeatureDefinitionException($"No entity is named '{name}'.");
        }
    }

    /// <summary>Gets a version of a feature view.</summary>
    /// <param name="name">The view's name.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <exception cref="FeatureDefinitionException">No view has that name or version.</exception>
    public RegisteredFeatureView GetView(string name, int? version = null)
    {
        lock (_gate)
        {
            return _views.TryGetValue(name, out List<RegisteredFeatureView>? versions)
                ? Pick(versions, version, $"feature view '{name}'")
                : throw new FeatureDefinitionException($"No feature view is named '{name}'.");
        }
    }

    /// <summary>Gets a version of a feature service.</summary>
    /// <param name="name">The service's name.</param>
    /// <param name="version">The version, or null for the latest.</param>
    /// <exception cref="FeatureDefinitionException">No service has that name or version.</exception>
    public RegisteredFeatureService GetService(string name, int? version = null)
    {
        lock (_gate)
        {
            return _services.TryGetValue(name, out List<RegisteredFeatureService>? versions)
                ? Pick(versions, version, $"feature service '{name}'")
                : throw new FeatureDefinitionException($"No feature service is named '{name}'.");
        }
    }

    /// <summary>
    /// Resolves Feast-style feature references (<c>view:feature</c>, or <c>view</c> for all of a view's features)
    /// against the latest view versions, in order. A reference to an on-demand view names its outputs.
    /// </summary>
    /// <param name="references">The references.</param>
    /// <exception cref="FeatureDefinitionException">A reference is malformed or names an unknown view or feature, or two features share a name.</exception>
    public IReadOnlyList<ServiceFeature> ResolveFeatures(IEnumerable<string> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        var features = new List<ServiceFeature>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (string reference in references)
        {
            string[] parts = (reference ?? string.Empty).Split(':');
            if (parts.Length > 2 || parts[0].Length == 0 || (parts.Length == 2 && parts[1].Length == 0))
            {
                throw new FeatureDefinitionException($"The feature reference '{reference}' is not 'view:feature' or 'view'.");
            }

            IEnumerable<ServiceFeature> resolved;
            if (FindOnDemandView(parts[0]) is { } onDemand)
            {
                resolved = parts.Length == 2
                    ? [new ServiceFeature(onDemand, onDemand.FindOutput(parts[1]) ?? throw new FeatureDefinitionException($"{onDemand} has no output '{parts[1]}'."))]
                    : onDemand.AllFeatures;
            }
            else
            {
                RegisteredFeatureView view = GetView(parts[0]);
                resolved = parts.Length == 2
                    ? [new ServiceFeature(view, view.FindFeature(parts[1]) ?? throw new FeatureDefinitionException($"{view} has no feature '{parts[1]}'."))]
                    : view.AllFeatures;
            }

            foreach (ServiceFeature feature in resolved)
            {
                if (!names.Add(feature.Field.Name))
                {
                    throw new FeatureDefinitionException($"Two requested features are named '{feature.Field.Name}'; feature names must be unique in a request.");
                }

                features.Add(feature);
            }
        }

        return features;
    }

    private static T Pick<T>(List<T> versions, int? version, string what) =>
        version is null ? versions[^1]
        : version >= 1 && version <= versions.Count ? versions[version.Value - 1]
        : throw new FeatureDefinitionException($"The {what} has versions 1 to {versions.Count}, not {version}.");
}
