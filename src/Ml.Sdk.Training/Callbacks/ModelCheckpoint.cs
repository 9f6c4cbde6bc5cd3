using System.Globalization;
using System.Text.Json;
using Ml.Sdk.Training.Callbacks.Internal;

namespace Ml.Sdk.Training.Callbacks;

/// <summary>
/// Writes full checkpoints at epoch ends: the <see cref="SaveTopK"/> best by a monitored metric
/// (<c>epoch-0007.ckpt</c>; worse ones are deleted), and <c>last.ckpt</c> after every epoch when
/// <see cref="SaveLast"/> is set. Without a monitor only <c>last.ckpt</c> is written. Lightning's semantics.
/// </summary>
public sealed class ModelCheckpoint : ICheckpointableCallback
{
    /// <summary>The file name of the checkpoint written after every epoch.</summary>
    public const string LastFileName = "last.ckpt";

    private readonly List<KeptCheckpoint> _kept = [];

    /// <summary>Creates the callback.</summary>
    /// <param name="directory">The folder for the files; created when the fit starts.</param>
    /// <param name="monitor">The metric that ranks checkpoints, or <see langword="null"/> to keep only the last.</param>
    /// <param name="mode">Which direction of <paramref name="monitor"/> is better.</param>
    /// <param name="saveTopK">How many of the best to keep; at least 1.</param>
    /// <param name="saveLast">Whether to write <see cref="LastFileName"/> after every epoch.</param>
    /// <exception cref="ArgumentException">An argument is out of range, or nothing would ever be saved.</exception>
    public ModelCheckpoint(string directory, string? monitor = "val_loss", MonitorMode mode = MonitorMode.Min, int saveTopK = 1, bool saveLast = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(saveTopK, 1);
        if (monitor is null && !saveLast)
        {
            throw new ArgumentException("Without a monitor only the last checkpoint can be kept: set saveLast or a monitor.", nameof(saveLast));
        }

        Directory = Path.GetFullPath(directory);
        Monitor = monitor;
        Mode = mode;
        SaveTopK = saveTopK;
        SaveLast = saveLast;
    }

    /// <summary>Gets the folder the files go to.</summary>
    public string Directory { get; }

    /// <summary>Gets the monitored metric, or <see langword="null"/>.</summary>
    public string? Monitor { get; }

    /// <summary>Gets which direction of the metric is better.</summary>
    public MonitorMode Mode { get; }

    /// <summary>Gets how many of the best checkpoints are kept.</summary>
    public int SaveTopK { get; }

    /// <summary>Gets whether <see cref="LastFileName"/> is written after every epoch.</summary>
    public bool SaveLast { get; }

    /// <summary>Gets the best checkpoint kept so far, or <see langword="null"/>.</summary>
    public string? BestPath => _kept.Count == 0 ? null : _kept[0].Path;

    /// <summary>Gets the monitored value of <see cref="BestPath"/>, or <see langword="null"/>.</summary>
    public double? BestValue => _kept.Count == 0 ? null : _kept[0].Value;

    /// <summary>Gets the kept checkpoints, best first.</summary>
    public IReadOnlyList<string> KeptPaths => _kept.ConvertAll(static k => k.Path);

    /// <summary>Gets the path of the last checkpoint.</summary>
    public string LastPath => Path.Combine(Directory, LastFileName);

    /// <inheritdoc />
    public string StateKey => $"model_checkpoint:{Directory}";

    /// <inheritdoc />
    public void OnFitStart(TrainingContext context)
    {
        System.IO.Directory.CreateDirectory(Directory);
        _kept.Clear();
    }

    /// <inheritdoc />
    public void OnEpochEnd(TrainingContext context, EpochSummary epoch)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(epoch);
        if (Monitor is not null)
        {
            double value = MonitoredMetric.Read(epoch, Monitor, nameof(ModelCheckpoint));
            if (Ranks(value))
            {
                string path = Path.Combine(Directory, string.Create(CultureInfo.InvariantCulture, $"epoch-{epoch.Epoch:D4}.ckpt"));
                _kept.Add(new KeptCheckpoint(epoch.Epoch, value, path));
                _kept.Sort(Compare);
                context.RequestCheckpoint(path);
                while (_kept.Count > SaveTopK)
                {
                    KeptCheckpoint dropped = _kept[^1];
                    _kept.RemoveAt(_kept.Count - 1);
                    File.Delete(dropped.Path);
                }
            }
        }

        if (SaveLast)
        {
            context.RequestCheckpoint(LastPath);
        }
    }

    /// <inheritdoc />
    public string SaveState() => JsonSerializer.Serialize(new ModelCheckpointState([.. _kept]), CallbackStateJson.Default.ModelCheckpointState);

    /// <inheritdoc />
    public void LoadState(string state)
    {
        ArgumentNullException.ThrowIfNull(state);
        ModelCheckpointState restored = JsonSerializer.Deserialize(state, CallbackStateJson.Default.ModelCheckpointState)
            ?? throw new ArgumentException("The checkpoint callback's state is empty.", nameof(state));
        _kept.Clear();
        _kept.AddRange(restored.Kept.Where(static k => File.Exists(k.Path)));
        _kept.Sort(Compare);
    }

    private bool Ranks(double value)
    {
        if (double.IsNaN(value))
        {
            return false;
        }

        return _kept.Count < SaveTopK || MonitoredMetric.Improves(value, _kept[^1].Value, Mode, minDelta: 0);
    }

    private int Compare(KeptCheckpoint left, KeptCheckpoint right)
    {
        int byValue = left.Value.CompareTo(right.Value);
        return byValue != 0 ? (Mode == MonitorMode.Min ? byValue : -byValue) : left.Epoch.CompareTo(right.Epoch);
    }
}
