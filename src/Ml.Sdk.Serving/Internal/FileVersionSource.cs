namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// Versions from ONNX files on disk; the highest configured version answers by default. Versions loaded on demand get
/// a file here but are not part of the configuration: the host keeps them loaded while they are pinned.
/// </summary>
internal sealed class FileVersionSource(string modelName, IReadOnlyDictionary<int, string> files) : VersionSource
{
    private readonly Dictionary<int, string> _files = new(files);
    private readonly int[] _configured = [.. files.Keys.Order()];
    private readonly Lock _lock = new();

    public override Task<DesiredVersions> ResolveAsync(IReadOnlyCollection<string> aliases, CancellationToken cancellationToken)
    {
        if (aliases.Count != 0)
        {
            throw new InvalidOperationException(
                $"Model '{modelName}' is served from files, which have no aliases; route to version numbers instead of {string.Join(", ", aliases.Select(static a => "@" + a))}.");
        }

        return Task.FromResult(new DesiredVersions(_configured[^1], _configured, new Dictionary<string, int>()));
    }

    public override Task<string> GetPathAsync(int version, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_files.TryGetValue(version, out string? path))
            {
                throw new ModelNotServedException($"Model '{modelName}' has no file for version {version}; give one with LoadVersionAsync(..., filePath).")
                {
                    ModelName = modelName,
                    Version = version,
                };
            }

            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"Model '{modelName}' version {version}: the file '{path}' does not exist.", path);
            }

            return Task.FromResult(path);
        }
    }

    public override void AddOnDemand(int version, string? path)
    {
        lock (_lock)
        {
            if (path is not null)
            {
                _files[version] = path;
            }
            else if (!_files.ContainsKey(version))
            {
                throw new ArgumentException($"Model '{modelName}' is served from files: loading version {version} needs its file path.", nameof(path));
            }
        }
    }

    public void Remove(int version)
    {
        lock (_lock)
        {
            if (!_configured.Contains(version))
            {
                _files.Remove(version);
            }
        }
    }
}
