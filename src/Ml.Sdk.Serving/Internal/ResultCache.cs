using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;

namespace Ml.Sdk.Serving.Internal;

/// <summary>
/// Caches a model's outputs keyed by model, version and a SHA-256 of the request's input names, shapes and bytes, on
/// the host's <see cref="IMemoryCache"/> or <see cref="IDistributedCache"/>.
/// </summary>
internal sealed class ResultCache(IMemoryCache? memory, IDistributedCache? distributed, TimeSpan duration, ILogger logger)
{
    public static string ComputeKey(LoadedVersion version, PendingRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> number = stackalloc byte[8];
        Span<long> shape = stackalloc long[16];
        for (int i = 0; i < version.Signature.Inputs.Length; i++)
        {
            int rank = version.Signature.Inputs[i].Rank;
            Span<long> lengths = rank <= shape.Length ? shape[..rank] : new long[rank];
            request.GetInputShape(i, lengths);
            BinaryPrimitives.WriteInt64LittleEndian(number, rank);
            hash.AppendData(number);
            foreach (long length in lengths)
            {
                BinaryPrimitives.WriteInt64LittleEndian(number, length);
                hash.AppendData(number);
            }

            ReadOnlySpan<byte> data = request.GetInput(i);
            BinaryPrimitives.WriteInt64LittleEndian(number, data.Length);
            hash.AppendData(number);
            hash.AppendData(data);
        }

        return $"ml_sdk:serving:{version.ModelName}:{version.VersionText}:{Convert.ToHexString(hash.GetCurrentHash())}";
    }

    public async ValueTask<byte[]?> GetAsync(string key, string modelName, CancellationToken cancellationToken)
    {
        try
        {
            byte[]? payload = memory is not null
                ? memory.Get<byte[]>(key)
                : await distributed!.GetAsync(key, cancellationToken).ConfigureAwait(false);
            ServingTelemetry.CacheLookups.Add(1,
                new KeyValuePair<string, object?>(ServingTelemetry.ModelTag, modelName),
                new KeyValuePair<string, object?>("ml_sdk.cache.hit", payload is not null));
            return payload;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServingLog.CacheFailed(logger, ex, modelName);
            return null;
        }
    }

    public void Store(string key, LoadedVersion version, IOutputReader outputs, int rowOffset, int rows)
    {
        byte[] payload = CachedOutputs.Serialize(version, outputs, rowOffset, rows);
        if (memory is not null)
        {
            memory.Set(key, payload, duration);
            return;
        }

        _ = StoreDistributedAsync(key, payload, version.ModelName);
    }

    private async Task StoreDistributedAsync(string key, byte[] payload, string modelName)
    {
        try
        {
            await distributed!.SetAsync(key, payload, new DistributedCacheEntryOptions { AbsoluteExpirationRelativeToNow = duration }).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            ServingLog.CacheFailed(logger, ex, modelName);
        }
    }
}
