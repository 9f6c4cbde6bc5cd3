using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Ml.Sdk.Registry;
using Ml.Sdk.Registry.Tracking;
using Ml.Sdk.Training.Callbacks;
using Ml.Sdk.Training.Onnx;
using Ml.Sdk.Training.Promotion.Internal;
using TorchSharp;

namespace Ml.Sdk.Training.Promotion;

/// <summary>
/// The promotion gate: exports a trained model to ONNX, registers it as a new version (signature, lineage, the
/// compared metric as a tag), and moves the champion alias to it only when its validation metric beats the current
/// champion's by more than a margin. The decision and both figures are logged, written as tags on the new version,
/// and recorded on the fit's run when it is still open (fit with <see cref="FitOptions.EndRun"/> set to
/// <see langword="false"/>; ended runs accept no writes, so the gate then ends it).
/// </summary>
/// <remarks>
/// The champion's figure is the <c>ml_sdk.metric.&lt;metric&gt;</c> tag the gate wrote on it, or else the metric (or
/// <c>final_</c> metric) of its lineage run. A champion with no figure is never replaced automatically: the gate
/// cannot show the candidate is better, so it registers the candidate and leaves the alias (the reason says so).
/// Two gates racing on one model each move the alias atomically; the last decision wins.
/// </remarks>
public sealed class ModelPromotionGate
{
    private const string ModelFileName = "model.onnx";

    /// <summary>The prefix of the version tag that records a compared metric.</summary>
    public const string MetricTagPrefix = "ml_sdk.metric.";

    /// <summary>The run tag that records the decision (<c>promoted</c> or <c>rejected</c>).</summary>
    public const string DecisionTag = "ml_sdk.gate.decision";

    private readonly IModelRegistry _registry;
    private readonly IExperimentTracker? _tracker;
    private readonly OnnxExporter _exporter;
    private readonly ILogger _logger;

    /// <summary>Creates the gate.</summary>
    /// <param name="registry">Where versions are registered and aliases moved.</param>
    /// <param name="exporter">Exports the model to ONNX.</param>
    /// <param name="tracker">Where the decision is recorded on the fit's run, and champions' figures are read from; optional.</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException"><paramref name="registry"/> or <paramref name="exporter"/> is <see langword="null"/>.</exception>
    public ModelPromotionGate(IModelRegistry registry, OnnxExporter exporter, IExperimentTracker? tracker = null, ILogger<ModelPromotionGate>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(exporter);
        _registry = registry;
        _exporter = exporter;
        _tracker = tracker;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Registers <paramref name="model"/> as a new version and promotes it if it beats the champion.</summary>
    /// <param name="model">The trained model (exported in eval mode; its mode is restored).</param>
    /// <param name="result">The fit that trained it: its final metrics and run.</param>
    /// <param name="request">What to register and how to judge.</param>
    /// <param name="cancellationToken">Cancels the registration.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentException">
    /// The fit did not report <see cref="PromotionRequest.Metric"/>, the margin is negative, or two extra artifacts share a
    /// name (or one is named <c>model.onnx</c>); nothing is registered.
    /// </exception>
    /// <exception cref="OnnxExportException">The model cannot be exported; nothing is registered.</exception>
    public async Task<PromotionDecision> RegisterIfBetterAsync(
        torch.nn.Module<torch.Tensor, torch.Tensor> model, TrainingResult result, PromotionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(request);
        if (!(request.MinImprovement >= 0) || double.IsInfinity(request.MinImprovement))
        {
            throw new ArgumentException($"PromotionRequest.MinImprovement must be finite and not negative; got {request.MinImprovement}.", nameof(request));
        }

        ValidateArtifacts(request);
        if (!result.FinalMetrics.TryGetValue(request.Metric, out double candidate))
        {
            throw new ArgumentException(
                $"The fit did not report '{request.Metric}' (it reported: {string.Join(", ", result.FinalMetrics.Keys.Order(StringComparer.Ordinal))}); give it validation data or compare another metric.",
                nameof(result));
        }

        (int? championVersion, double? championValue) = await ReadChampionAsync(request, cancellationToken).ConfigureAwait(false);
        (bool promote, string reason) = Judge(request, candidate, championVersion, championValue);
        Dictionary<string, string> decisionTags = DecisionTags(promote, request.Metric, candidate, championVersion, championValue, reason);
        ModelVersion version = await RegisterAsync(model, result, request, decisionTags, championVersion, cancellationToken).ConfigureAwait(false);
        if (promote)
        {
            _ = await _registry.SetAliasAsync(request.ModelName, request.Alias, version.Version, cancellationToken).ConfigureAwait(false);
            version = await _registry.GetVersionAsync(request.ModelName, version.Version, cancellationToken).ConfigureAwait(false) ?? version;
        }

        var decision = new PromotionDecision(version, promote, request.Metric, candidate, championVersion, championValue, reason);
        PromotionLog.Decided(_logger, request.ModelName, version.Version, promote ? "promoted" : "rejected", request.Metric, candidate, championVersion, championValue, reason);
        await RecordOnRunAsync(result.RunId, decision, decisionTags, request.EndRun, cancellationToken).ConfigureAwait(false);
        return decision;
    }

    private static void ValidateArtifacts(PromotionRequest request)
    {
        var names = new HashSet<string>(StringComparer.Ordinal) { ModelFileName };
        foreach (ArtifactSource? artifact in request.Artifacts ?? [])
        {
            if (artifact is null || !names.Add(artifact.FileName))
            {
                throw new ArgumentException(
                    artifact is null
                        ? "PromotionRequest.Artifacts holds a null entry."
                        : $"PromotionRequest.Artifacts names '{artifact.FileName}' twice or reuses '{ModelFileName}', which the gate writes; give each extra file its own name.",
                    nameof(request));
            }
        }
    }

    private static (bool Promote, string Reason) Judge(PromotionRequest request, double candidate, int? championVersion, double? championValue)
    {
        string margin = request.MinImprovement.ToString("G6", CultureInfo.InvariantCulture);
        if (double.IsNaN(candidate))
        {
            return (false, $"the candidate's {request.Metric} is NaN");
        }

        if (championVersion is null)
        {
            return (true, $"there is no {request.Alias} yet");
        }

        if (championValue is not double champion || double.IsNaN(champion))
        {
            return (false, $"{request.Alias} (version {championVersion}) has no recorded {request.Metric} to compare with; move the alias by hand if intended");
        }

        double gain = request.Mode == MonitorMode.Max ? candidate - champion : champion - candidate;
        return gain > request.MinImprovement
            ? (true, string.Create(CultureInfo.InvariantCulture, $"it beats version {championVersion} by {gain:G6} (more than the margin {margin})"))
            : (false, string.Create(CultureInfo.InvariantCulture, $"it does not beat version {championVersion} by more than the margin {margin} (difference {gain:G6})"));
    }

    private async Task<(int? Version, double? Value)> ReadChampionAsync(PromotionRequest request, CancellationToken cancellationToken)
    {
        ModelVersion champion;
        try
        {
            champion = await _registry.ResolveAsync(ModelReference.ForAlias(request.ModelName, request.Alias), cancellationToken).ConfigureAwait(false);
        }
        catch (ModelNotFoundException)
        {
            return (null, null);
        }

        if (champion.Tags.TryGetValue(MetricTagPrefix + request.Metric, out string? tagged)
            && double.TryParse(tagged, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            return (champion.Version, value);
        }

        if (_tracker is not null && champion.Lineage.RunId is { } runId)
        {
            RunDetails run = await _tracker.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
            if (run.LatestMetrics.TryGetValue(request.Metric, out MetricPoint point) || run.LatestMetrics.TryGetValue("final_" + request.Metric, out point))
            {
                return (champion.Version, point.Value);
            }
        }

        return (champion.Version, null);
    }

    private static Dictionary<string, string> DecisionTags(bool promote, string metric, double candidate, int? championVersion, double? championValue, string reason) =>
        new(StringComparer.Ordinal)
        {
            [DecisionTag] = promote ? "promoted" : "rejected",
            ["ml_sdk.gate.metric"] = metric,
            ["ml_sdk.gate.candidate_value"] = candidate.ToString("R", CultureInfo.InvariantCulture),
            ["ml_sdk.gate.champion_value"] = championValue?.ToString("R", CultureInfo.InvariantCulture) ?? "none",
            ["ml_sdk.gate.champion_version"] = championVersion?.ToString(CultureInfo.InvariantCulture) ?? "none",
            ["ml_sdk.gate.reason"] = reason,
        };

    private async Task<ModelVersion> RegisterAsync(
        torch.nn.Module<torch.Tensor, torch.Tensor> model, TrainingResult result, PromotionRequest request, Dictionary<string, string> decisionTags, int? parent, CancellationToken cancellationToken)
    {
        string folder = Path.Combine(Path.GetTempPath(), "ml-sdk-export-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            string path = Path.Combine(folder, "model.onnx");
            OnnxExportResult exported = _exporter.Export(model, path, request.Export);
            var tags = new Dictionary<string, string>(request.Tags ?? new Dictionary<string, string>(), StringComparer.Ordinal)
            {
                [MetricTagPrefix + request.Metric] = decisionTags["ml_sdk.gate.candidate_value"],
                ["ml_sdk.onnx.opset"] = exported.Opset.ToString(CultureInfo.InvariantCulture),
            };
            foreach ((string key, string value) in decisionTags)
            {
                tags[key] = value;
            }

            return await _registry.RegisterVersionAsync(
                new NewModelVersion
                {
                    Name = request.ModelName,
                    Format = ModelFormat.Onnx,
                    Artifacts = [ArtifactSource.FromFile(ModelFileName, path), .. request.Artifacts ?? []],
                    Signature = exported.Signature,
                    Description = request.Description,
                    Tags = tags,
                    Creator = request.Creator,
                    Lineage = new ModelLineage
                    {
                        RunId = result.RunId,
                        DatasetFingerprint = request.DatasetFingerprint,
                        FeatureViews = request.FeatureViews,
                        ParentVersion = parent,
                    },
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task RecordOnRunAsync(string? runId, PromotionDecision decision, Dictionary<string, string> decisionTags, bool endRun, CancellationToken cancellationToken)
    {
        if (_tracker is null || runId is null)
        {
            return;
        }

        RunDetails run = await _tracker.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
        if (run.Info.Status != RunStatus.Running)
        {
            PromotionLog.RunAlreadyEnded(_logger, runId, run.Info.Status);
            return;
        }

        var batch = new RunBatch();
        foreach ((string key, string value) in decisionTags)
        {
            batch.Tags[key] = value;
        }

        batch.Tags["ml_sdk.gate.model"] = decision.Version.Name;
        batch.Tags["ml_sdk.gate.version"] = decision.Version.Version.ToString(CultureInfo.InvariantCulture);
        await _tracker.LogBatchAsync(runId, batch, cancellationToken).ConfigureAwait(false);
        if (endRun)
        {
            _ = await _tracker.EndRunAsync(runId, RunStatus.Finished, cancellationToken).ConfigureAwait(false);
        }
    }
}
