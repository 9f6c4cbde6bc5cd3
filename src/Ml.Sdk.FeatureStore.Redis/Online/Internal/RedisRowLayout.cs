using System.Buffers.Binary;
using System.Buffers.Text;
using StackExchange.Redis;

namespace Ml.Sdk.FeatureStore.Online.Internal;

/// <summary>
/// How the Redis online store lays rows out: one hash per view name and entity key, at
/// <c>{prefix}{view}:{base64url(encoded entity key)}</c>, with the field <c>ts</c> (the event timestamp in UTC ticks, 8
/// bytes big-endian) and the field <c>v</c> (the encoded feature values).
/// </summary>
/// <remarks>
/// View names hold only letters, digits and underscores, and base64url never holds a colon, so a key names one view and
/// one entity key. Big-endian ticks make byte order time order, which the write script compares byte by byte: Lua numbers
/// are doubles, exact only to 2^53, and ticks reach 3.2e18.
/// </remarks>
internal static class RedisRowLayout
{
    public const string TimestampField = "ts";

    public const string ValuesField = "v";

    /// <summary>
    /// Applies one row under the conflict rule, atomically: KEYS[1] is the row's hash, ARGV[1] its 8-byte timestamp and
    /// ARGV[2] its values. Returns 1 when it stored the row and 0 when the stored timestamp is newer.
    /// </summary>
    public const string WriteScript = """
        local stored = redis.call('HGET', KEYS[1], 'ts')
        if stored then
            if #stored ~= 8 then
                return redis.error_reply('ERR ' .. KEYS[1] .. ' is not an Ml.Sdk online row: its ts field is not 8 bytes')
            end
            for i = 1, 8 do
                local new, old = string.byte(ARGV[1], i), string.byte(stored, i)
                if new ~= old then
                    if new < old then
                        return 0
                    end
                    break
                end
            end
        end
        redis.call('HSET', KEYS[1], 'ts', ARGV[1], 'v', ARGV[2])
        return 1
        """;

    /// <summary>The fields a read asks for, in the order <see cref="TryDecode"/> expects them.</summary>
    public static readonly RedisValue[] ReadFields = [TimestampField, ValuesField];

    /// <summary>The part of the keys shared by every row of a view.</summary>
    public static string ViewPrefix(string keyPrefix, string viewName) => keyPrefix + viewName + ":";

    /// <summary>The key of an entity's row, after its view's prefix.</summary>
    public static RedisKey Key(string viewPrefix, byte[] encodedEntityKey) => viewPrefix + Base64Url.EncodeToString(encodedEntityKey);

    /// <summary>The 8-byte big-endian form of an event timestamp's UTC ticks.</summary>
    public static byte[] EncodeTimestamp(long utcTicks)
    {
        byte[] bytes = new byte[sizeof(long)];
        BinaryPrimitives.WriteInt64BigEndian(bytes, utcTicks);
        return bytes;
    }

    /// <summary>Reads the reply to a read of <see cref="ReadFields"/>: false when no row is stored at the key.</summary>
    /// <exception cref="InvalidDataException">The hash at the key is not a row this store wrote.</exception>
    public static bool TryDecode(RedisKey key, RedisValue[] fields, out StoredOnlineRow row)
    {
        row = default;
        if (fields.Length != 2 || fields[0].IsNull)
        {
            return false;
        }

        byte[]? timestamp = fields[0];
        byte[]? values = fields[1];
        if (timestamp is not { Length: sizeof(long) } || values is null)
        {
            throw new InvalidDataException($"The Redis hash '{key}' is not an Ml.Sdk online row: it needs an 8-byte '{TimestampField}' field and a '{ValuesField}' field.");
        }

        long ticks = BinaryPrimitives.ReadInt64BigEndian(timestamp);
        if (ticks < 0 || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            throw new InvalidDataException($"The Redis hash '{key}' holds an event timestamp of {ticks} ticks, outside the range of DateTimeOffset.");
        }

        row = new StoredOnlineRow(ticks, values);
        return true;
    }
}
