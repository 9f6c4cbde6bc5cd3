using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Serving.Internal;

internal sealed partial class ModelHost
{
    private async Task<IReadOnlyList<ModelLoadException>> ReconcileAsync(bool reloadAll, CancellationToken cancellationToken, int? forceVersion = null)
    {
        await _reconcile.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var failures = new List<ModelLoadException>();
            DesiredVersions desired;
            string[] aliases = [.. RoutingTargets().Where(static t => t.Alias is not null).Select(static t => t.Alias!).Distinct()];
            try
            {
                desired = await _source.ResolveAsync(aliases, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _lastError = $"resolving its versions failed: {ex.Message}";
                ServingLog.RefreshFailed(_logger, ex, Name);
                ServingTelemetry.Loads.Add(1, new(ServingTelemetry.ModelTag, Name), new("ml_sdk.load.outcome", "failed"));
                throw new ModelLoadException($"Model '{Name}': {_lastError}", ex) { ModelName = Name, Stage = "resolve" };
            }

            if (_lastPolicyDefault is int previous && previous != desired.Default)
            {
                // The policy moved (an alias moved, a version was registered): an earlier manual default gives way.
                _defaultOverride = null;
            }

            _lastPolicyDefault = desired.Default;
            var needed = new SortedSet<int>(desired.Versions);
            foreach (VersionTarget target in RoutingTargets())
            {
                if (Resolve(target, desired.Aliases) is int version)
                {
                    needed.Add(version);
                }
            }

            lock (_pinned)
            {
                needed.UnionWith(_pinned);
            }

            int defaultVersion = _defaultOverride ?? ChooseDefault(desired);
            needed.Add(defaultVersion);
            foreach (int stale in _failures.Keys.Where(v => !needed.Contains(v)).ToList())
            {
                // A failed version nobody wants any more (the alias moved on) no longer degrades the model's health.
                _failures.TryRemove(stale, out _);
            }

            ModelRoutes? current = Routes;
            var next = new Dictionary<int, LoadedVersion>();
            foreach (int version in needed)
            {
                bool reuse = !reloadAll && version != forceVersion;
                if (reuse && current is not null && current.Versions.TryGetValue(version, out LoadedVersion? existing))
                {
                    next[version] = existing;
                    continue;
                }

                try
                {
                    string path = await _source.GetPathAsync(version, cancellationToken).ConfigureAwait(false);
                    next[version] = await Task.Run(() => Load(version, path), cancellationToken).ConfigureAwait(false);
                    _failures.TryRemove(version, out _);
                    ServingTelemetry.Loads.Add(1, new(ServingTelemetry.ModelTag, Name), new("ml_sdk.load.outcome", "loaded"));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    ModelLoadException failure = ex as ModelLoadException
                        ?? new ModelLoadException($"Model '{Name}' version {version} failed at resolve: {ex.Message}", ex) { ModelName = Name, Version = version, Stage = "resolve" };
                    failures.Add(failure);
                    ServingLog.VersionLoadFailed(_logger, failure.InnerException ?? failure, Name, version, failure.Stage);
                    ServingTelemetry.Loads.Add(1, new(ServingTelemetry.ModelTag, Name), new("ml_sdk.load.outcome", "failed"));
                    _failures[version] = new ServedVersionStatus { Version = version, State = VersionState.Failed, Error = failure.Message };
                    if (current is not null && current.Versions.TryGetValue(version, out LoadedVersion? old))
                    {
                        // A reload that fails keeps the session that was serving.
                        next[version] = old;
                    }
                }
            }

            if (!next.TryGetValue(defaultVersion, out LoadedVersion? defaultLoaded))
            {
                defaultLoaded = current?.Default;
                if (defaultLoaded is not null)
                {
                    next[defaultLoaded.Version] = defaultLoaded;
                }
            }

            if (defaultLoaded is null)
            {
                foreach (LoadedVersion orphan in next.Values)
                {
                    orphan.Dispose();
                }

                _lastError = failures.Count > 0 ? failures[0].Message : $"version {defaultVersion} could not be loaded";
                throw failures.Count > 0 ? failures[0] : new ModelLoadException($"Model '{Name}': {_lastError}") { ModelName = Name, Version = defaultVersion, Stage = "load" };
            }

            ModelRoutes routes = BuildRoutes(next, defaultLoaded, desired.Aliases);
            Volatile.Write(ref _routes, routes);
            _lastError = failures.Count > 0 ? failures[0].Message : null;
            if ((current is null || current.Default != routes.Default || current.Versions.Count != routes.Versions.Count || reloadAll)
                && _logger.IsEnabled(LogLevel.Information))
            {
                string loadedVersions = string.Join(", ", routes.Versions.Keys.Order());
                ServingLog.RoutesSwitched(_logger, Name, routes.Default.Version, loadedVersions);
            }

            if (current is not null)
            {
                foreach (LoadedVersion old in current.Versions.Values)
                {
                    if (!next.TryGetValue(old.Version, out LoadedVersion? kept) || kept != old)
                    {
                        old.Retire();
                    }
                }
            }

            return failures;
        }
        finally
        {
            _reconcile.Release();
        }
    }

    /// <summary>
    /// The policy's default, unless it is the shadow or canary target: then the highest other version of the policy
    /// (so <c>FromFile(v1, 1).FromFile(v2, 2).WithShadow(2)</c> serves v1 and mirrors to v2).
    /// </summary>
    private int ChooseDefault(DesiredVersions desired)
    {
        RoutingOptions routing = Options.Routing;
        int? shadow = routing.Shadow is VersionTarget s ? Resolve(s, desired.Aliases) : null;
        int? canary = routing.Canary is VersionTarget c ? Resolve(c, desired.Aliases) : null;
        if (desired.Default != shadow && desired.Default != canary)
        {
            return desired.Default;
        }

        int[] others = [.. desired.Versions.Where(v => v != shadow && v != canary)];
        return others.Length > 0 ? others.Max() : desired.Default;
    }

    private static int? Resolve(VersionTarget target, IReadOnlyDictionary<string, int> aliases) =>
        target.Version ?? (aliases.TryGetValue(target.Alias!, out int version) ? version : null);

    private IEnumerable<VersionTarget> RoutingTargets()
    {
        RoutingOptions routing = Options.Routing;
        foreach (TrafficSplit arm in routing.Split)
        {
            yield return arm.Target;
        }

        if (routing.Canary is VersionTarget canary)
        {
            yield return canary;
        }

        if (routing.Shadow is VersionTarget shadow)
        {
            yield return shadow;
        }
    }

    private ModelRoutes BuildRoutes(Dictionary<int, LoadedVersion> versions, LoadedVersion defaultVersion, IReadOnlyDictionary<string, int> aliases)
    {
        RoutingOptions routing = Options.Routing;
        LoadedVersion? Find(VersionTarget? target)
        {
            if (target is not VersionTarget value)
            {
                return null;
            }

            return Resolve(value, aliases) is int number ? versions.GetValueOrDefault(number) : null;
        }

        var split = new List<(LoadedVersion, double)>();
        foreach (TrafficSplit arm in routing.Split)
        {
            // An arm whose version failed to load is left out; its share goes to the other arms.
            if (Find(arm.Target) is LoadedVersion version)
            {
                split.Add((version, arm.Weight));
            }
        }

        return new ModelRoutes(
            versions,
            defaultVersion,
            split,
            Find(routing.Canary),
            routing.CanaryPercent,
            Find(routing.Shadow),
            routing.ShadowPercent,
            _random);
    }
}
