using Ml.Sdk.FeatureStore.Catalog;
using Ml.Sdk.FeatureStore.Online;
using static Ml.Sdk.FeatureStore.Tests.Online.OnlineTestCatalog;

namespace Ml.Sdk.FeatureStore.Tests.Online;

/// <summary>
/// The behaviour every <see cref="IOnlineStore"/> backend shares. A backend's tests derive from this class and supply an
/// empty store; nothing here knows which backend it runs against.
/// </summary>
public abstract class OnlineStoreContractTests : IAsyncLifetime
{
    private IOnlineStore? _store;

    protected OnlineTestCatalog Views { get; } = new();

    /// <summary>Gets the store under test, empty at the start of each test.</summary>
    protected IOnlineStore Store => _store ?? throw new InvalidOperationException("The store is not created yet.");

    public async Task InitializeAsync() => _store = await CreateStoreAsync();

    public virtual async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    /// <summary>Creates an empty store, owned by the test (which disposes it).</summary>
    protected abstract ValueTask<IOnlineStore> CreateStoreAsync();

    [Fact]
    public async Task WriteAsync_NewKeys_ReadBackPresentWithTheirEventTimestamps()
    {
        OnlineWriteResult result = await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5, 3), Score(2, T0.AddMinutes(1), 1.5, 4)]);

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(2), Customer(1)], T0.AddDays(1));
        Assert.Equal(new OnlineWriteResult(2, 0), result);
        Assert.Equal([1.5, 4, 0.5, 3], ValuesOf(read));
        Assert.All(StatusesOf(read), s => Assert.Equal(FeatureValueStatus.Present, s));
        Assert.Equal(T0.AddMinutes(1), read.GetEventTimestamp(0));
        Assert.Equal(T0, read.GetEventTimestamp(1));
        Assert.Equal(TimeSpan.Zero, read.GetEventTimestamp(0)!.Value.Offset);
    }

    [Fact]
    public async Task WriteAsync_OlderEventTimestamp_IsSkippedAndKeepsTheStoredRow()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);

        OnlineWriteResult result = await Store.WriteAsync(Views.NoTtl, [Score(1, T0.AddTicks(-1), 9.5)]);

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0);
        Assert.Equal(new OnlineWriteResult(0, 1), result);
        Assert.Equal(0.5, read.GetValue(0, 0));
        Assert.Equal(T0, read.GetEventTimestamp(0));
    }

    [Fact]
    public async Task WriteAsync_EqualEventTimestamp_LaterWriteReplaces()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5, 1)]);

        OnlineWriteResult result = await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 2.5, 2)]);

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0);
        Assert.Equal(new OnlineWriteResult(1, 0), result);
        Assert.Equal([2.5, 2], ValuesOf(read));
    }

    [Fact]
    public async Task WriteAsync_NewerEventTimestamp_ReplacesEveryFeatureIncludingWithNull()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5, 1)]);

        OnlineWriteResult result = await Store.WriteAsync(Views.NoTtl, [Score(1, T0.AddTicks(1), 3.5, null)]);

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0);
        Assert.Equal(new OnlineWriteResult(1, 0), result);
        Assert.Equal([3.5, null], ValuesOf(read));
        Assert.Equal([FeatureValueStatus.Present, FeatureValueStatus.Missing], StatusesOf(read));
        Assert.Equal(T0.AddTicks(1), read.GetEventTimestamp(0));
    }

    [Fact]
    public async Task WriteAsync_SameKeyTwiceInOneBatch_AppliesRowsInOrderUnderTheSameRule()
    {
        OnlineWriteResult result = await Store.WriteAsync(Views.NoTtl,
        [
            Score(1, T0, 1.0),
            Score(2, T0, 20.0),
            Score(1, T0.AddHours(-1), 2.0), // older than the row before it: skipped
            Score(1, T0, 3.0), // equal: replaces
            Score(2, T0.AddHours(1), 21.0), // newer: replaces
            Score(2, T0.AddMinutes(30), 22.0), // older than the row before it: skipped
        ]);

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(1), Customer(2)], T0);
        Assert.Equal(new OnlineWriteResult(4, 2), result);
        Assert.Equal(3.0, read.GetValue(0, 0));
        Assert.Equal(21.0, read.GetValue(1, 0));
        Assert.Equal(T0.AddHours(1), read.GetEventTimestamp(1));
    }

    [Fact]
    public async Task ReadAsync_EventTimestampExactlyNowMinusTtl_IsPresent()
    {
        await Store.WriteAsync(Views.Hourly, [Score(1, T0, 0.5, 1)]);

        OnlineReadResult read = await Store.ReadAsync(Views.Hourly, [Customer(1)], T0.AddHours(1));

        Assert.Equal([FeatureValueStatus.Present, FeatureValueStatus.Present], StatusesOf(read));
        Assert.Equal([0.5, 1], ValuesOf(read));
    }

    [Fact]
    public async Task ReadAsync_EventTimestampOneTickBeforeNowMinusTtl_IsExpiredWithoutValues()
    {
        await Store.WriteAsync(Views.Hourly, [Score(1, T0, 0.5, null)]);

        OnlineReadResult read = await Store.ReadAsync(Views.Hourly, [Customer(1)], T0.AddHours(1).AddTicks(1));

        // A stored value past its TTL is expired; a stored null stays missing.
        Assert.Equal([FeatureValueStatus.Expired, FeatureValueStatus.Missing], StatusesOf(read));
        Assert.Equal([null, null], ValuesOf(read));
        Assert.Equal(T0, read.GetEventTimestamp(0));
    }

    [Fact]
    public async Task ReadAsync_EventTimestampAfterNow_IsPresent()
    {
        await Store.WriteAsync(Views.Hourly, [Score(1, T0.AddDays(1), 0.5)]);

        OnlineReadResult read = await Store.ReadAsync(Views.Hourly, [Customer(1)], T0);

        Assert.Equal(FeatureValueStatus.Present, read.GetStatus(0, 0));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadAsync_NullOrZeroTtl_NeverExpires(bool zeroTtl)
    {
        RegisteredFeatureView view = zeroTtl ? Views.ZeroTtl : Views.NoTtl;
        await Store.WriteAsync(view, [Score(1, DateTimeOffset.MinValue, 0.5, 1), Score(2, T0, 1.5, 2)]);

        OnlineReadResult read = await Store.ReadAsync(view, [Customer(1), Customer(2)], DateTimeOffset.MaxValue);

        Assert.All(StatusesOf(read), s => Assert.Equal(FeatureValueStatus.Present, s));
        Assert.Equal([0.5, 1, 1.5, 2], ValuesOf(read));
        Assert.Equal(DateTimeOffset.MinValue, read.GetEventTimestamp(0));
    }

    [Fact]
    public async Task ReadAsync_TtlLongerThanTimeSinceYearOne_IsPresent()
    {
        await Store.WriteAsync(Views.Hourly, [Score(1, DateTimeOffset.MinValue, 0.5)]);

        OnlineReadResult read = await Store.ReadAsync(Views.Hourly, [Customer(1)], DateTimeOffset.MinValue.AddMinutes(59));

        Assert.Equal(FeatureValueStatus.Present, read.GetStatus(0, 0));
    }

    [Fact]
    public async Task ReadAsync_UnknownKeysAndOtherViews_AreMissingWithoutTimestamp()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);

        OnlineReadResult unknownKey = await Store.ReadAsync(Views.NoTtl, [Customer(2), Customer(1)], T0);
        OnlineReadResult otherView = await Store.ReadAsync(Views.Hourly, [Customer(1)], T0);

        Assert.Equal([FeatureValueStatus.Missing, FeatureValueStatus.Missing], StatusesOf(otherView));
        Assert.Null(otherView.GetEventTimestamp(0));
        Assert.Equal(FeatureValueStatus.Missing, unknownKey.GetStatus(0, 0));
        Assert.Equal(FeatureValueStatus.Missing, unknownKey.GetStatus(0, 1));
        Assert.Null(unknownKey.GetValue(0, 0));
        Assert.Null(unknownKey.GetEventTimestamp(0));
        Assert.Equal(FeatureValueStatus.Present, unknownKey.GetStatus(1, 0));
    }

    [Fact]
    public async Task ReadAsync_StoredNullValue_IsMissingWhileTheRowsOtherFeaturesArePresent()
    {
        await Store.WriteAsync(Views.AllTypes, [new OnlineFeatureRow(Customer(1), T0, null, 5L, null, null, true, null)]);

        OnlineReadResult read = await Store.ReadAsync(Views.AllTypes, [Customer(1)], T0);

        Assert.Equal([null, 5L, null, null, true, null], ValuesOf(read));
        Assert.Equal(
            [FeatureValueStatus.Missing, FeatureValueStatus.Present, FeatureValueStatus.Missing, FeatureValueStatus.Missing, FeatureValueStatus.Present, FeatureValueStatus.Missing],
            StatusesOf(read));
        Assert.Equal(T0, read.GetEventTimestamp(0));
    }

    [Fact]
    public async Task WriteAsync_EveryValueType_RoundTripsBitExactly()
    {
        float quietNaNWithPayload = BitConverter.Int32BitsToSingle(0x7FC0_1234);
        double negativeNaNWithPayload = BitConverter.Int64BitsToDouble(unchecked((long)0xFFF8_0000_0000_BEEF));
        object?[][] rows =
        [
            [int.MinValue, long.MinValue, float.NaN, double.NaN, false, string.Empty],
            [int.MaxValue, long.MaxValue, float.PositiveInfinity, double.NegativeInfinity, true, "naïve ☕ 𝄞 日本語 Ελληνικά"],
            [0, 0L, -0.0f, -0.0d, true, "a|b:c\0d\u00001"],
            [-1, -1L, float.NegativeInfinity, double.PositiveInfinity, false, new string('x', 20_000)],
            [42, 1L << 40, float.Epsilon, double.Epsilon, true, "\uFFFF\uFEFF"],
            [7, 8L, quietNaNWithPayload, negativeNaNWithPayload, false, " "],
            [1, 2L, float.MaxValue, double.MinValue, true, "\r\n\t"],
        ];
        await Store.WriteAsync(Views.AllTypes, [.. rows.Select((values, i) => new OnlineFeatureRow(Customer(i), T0, values))]);

        OnlineReadResult read = await Store.ReadAsync(Views.AllTypes, [.. rows.Select((_, i) => Customer(i))], T0);

        for (int r = 0; r < rows.Length; r++)
        {
            Assert.Equal(rows[r][0], Assert.IsType<int>(read.GetValue(r, 0)));
            Assert.Equal(rows[r][1], Assert.IsType<long>(read.GetValue(r, 1)));
            Assert.Equal(BitConverter.SingleToInt32Bits((float)rows[r][2]!), BitConverter.SingleToInt32Bits(Assert.IsType<float>(read.GetValue(r, 2))));
            Assert.Equal(BitConverter.DoubleToInt64Bits((double)rows[r][3]!), BitConverter.DoubleToInt64Bits(Assert.IsType<double>(read.GetValue(r, 3))));
            Assert.Equal(rows[r][4], Assert.IsType<bool>(read.GetValue(r, 4)));
            Assert.Equal((string)rows[r][5]!, Assert.IsType<string>(read.GetValue(r, 5)), StringComparer.Ordinal);
        }
    }

    [Fact]
    public async Task ReadAsync_IntLongAndStringKeysUnderOneViewName_AreDifferentEntities()
    {
        // Three versions of the view 'shared' store rows under one name; only the key's type tells them apart.
        await Store.WriteAsync(Views.SharedByInt, [new OnlineFeatureRow(new EntityKey(1), T0, 1.0)]);
        await Store.WriteAsync(Views.SharedByLong, [new OnlineFeatureRow(new EntityKey(1L), T0, 2.0)]);
        await Store.WriteAsync(Views.SharedByText, [new OnlineFeatureRow(new EntityKey("1"), T0, 3.0)]);

        OnlineReadResult byInt = await Store.ReadAsync(Views.SharedByInt, [new EntityKey(1), new EntityKey(2)], T0);
        OnlineReadResult byLong = await Store.ReadAsync(Views.SharedByLong, [new EntityKey(1L)], T0);
        OnlineReadResult byText = await Store.ReadAsync(Views.SharedByText, [new EntityKey("1"), new EntityKey("1\0")], T0);

        Assert.Equal(1.0, byInt.GetValue(0, 0));
        Assert.Equal(FeatureValueStatus.Missing, byInt.GetStatus(1, 0));
        Assert.Equal(2.0, byLong.GetValue(0, 0));
        Assert.Equal(3.0, byText.GetValue(0, 0));
        Assert.Equal(FeatureValueStatus.Missing, byText.GetStatus(1, 0));
    }

    [Fact]
    public async Task ReadAsync_MultiKeyEntity_MatchesEveryJoinKeyValue()
    {
        await Store.WriteAsync(Views.Routes,
        [
            new OnlineFeatureRow(new EntityKey("a", "bc", 1), T0, 1.0),
            new OnlineFeatureRow(new EntityKey("ab", "c", 1), T0, 2.0),
            new OnlineFeatureRow(new EntityKey("a", "bc", 2), T0, 3.0),
            new OnlineFeatureRow(new EntityKey("", "abc", 1), T0, 4.0),
        ]);

        OnlineReadResult read = await Store.ReadAsync(Views.Routes,
        [
            new EntityKey("a", "bc", 2),
            new EntityKey("ab", "c", 1),
            new EntityKey("a", "bc", 1),
            new EntityKey("abc", "", 1),
            new EntityKey("", "abc", 1),
        ], T0);

        Assert.Equal([3.0, 2.0, 1.0, null, 4.0], ValuesOf(read));
    }

    public static TheoryData<string> BadRows() =>
    [
        "value of another type",
        "int for a long feature",
        "null join key",
        "join key of another type",
        "too few values",
        "too many values",
        "too many join keys",
        "null row",
        "unpaired surrogate",
    ];

    [Theory]
    [MemberData(nameof(BadRows))]
    public async Task WriteAsync_BatchWithOneBadRow_ThrowsNamingItAndLeavesTheStoreExactlyAsBefore(string badness)
    {
        RegisteredFeatureView view = Views.AllTypes;
        object?[] good = [1, 2L, 3f, 4d, true, "five"];
        await Store.WriteAsync(view, [new OnlineFeatureRow(Customer(1), T0, good), new OnlineFeatureRow(Customer(2), T0, good)]);
        OnlineReadResult before = await Store.ReadAsync(view, [Customer(1), Customer(2), Customer(3)], T0);
        OnlineFeatureRow bad = badness switch
        {
            "value of another type" => new(Customer(3), T0, 1, 2L, 3d, 4d, true, "five"),
            "int for a long feature" => new(Customer(3), T0, 1, 2, 3f, 4d, true, "five"),
            "null join key" => new([null], T0, good),
            "join key of another type" => new([3], T0, good),
            "too few values" => new(Customer(3), T0, 1, 2L, 3f, 4d, true),
            "too many values" => new(Customer(3), T0, 1, 2L, 3f, 4d, true, "five", 6),
            "too many join keys" => new([3L, 4L], T0, good),
            "null row" => null!,
            "unpaired surrogate" => new(Customer(3), T0, 1, 2L, 3f, 4d, true, "\uD800x"),
            _ => throw new ArgumentOutOfRangeException(nameof(badness)),
        };

        // Good rows before and after the bad one: a newer value for customer 1 and a new customer 3.
        object?[] newer = [10, 20L, 30f, 40d, false, "fifty"];
        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.WriteAsync(view,
        [
            new OnlineFeatureRow(Customer(1), T0.AddDays(1), newer),
            new OnlineFeatureRow(Customer(3), T0.AddDays(1), newer),
            bad,
            new OnlineFeatureRow(Customer(2), T0.AddDays(1), newer),
        ]));

        OnlineReadResult after = await Store.ReadAsync(view, [Customer(1), Customer(2), Customer(3)], T0);
        Assert.Contains("all_types", error.Message, StringComparison.Ordinal);
        Assert.Contains("Row 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(ValuesOf(before), ValuesOf(after));
        Assert.Equal(StatusesOf(before), StatusesOf(after));
        Assert.Equal(T0, after.GetEventTimestamp(0));
        Assert.Equal(T0, after.GetEventTimestamp(1));
        Assert.Null(after.GetEventTimestamp(2));
    }

    [Theory]
    [InlineData("null join key", "customer_id")]
    [InlineData("value of another type", "f32")]
    public async Task WriteAsync_BadRow_MessageNamesTheColumn(string badness, string column)
    {
        OnlineFeatureRow bad = badness == "null join key"
            ? new(new object?[] { null }, T0, new object?[] { 1, 2L, 3f, 4d, true, "five" })
            : new(Customer(1), T0, 1, 2L, 3d, 4d, true, "five");

        ArgumentException error = await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.WriteAsync(Views.AllTypes, [bad]));

        Assert.Contains($"'{column}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("Row 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadAsync_KeyOfWrongTypeOrArity_Throws()
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.ReadAsync(Views.NoTtl, [new EntityKey(1)], T0));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.ReadAsync(Views.NoTtl, [new EntityKey(1L, 2L)], T0));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await Store.ReadAsync(Views.NoTtl, [null!], T0));
    }

    [Fact]
    public async Task WriteAsync_CancelledBeforeTheCall_ThrowsAndWritesNothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)], cancellation.Token));

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0);
        Assert.Equal(FeatureValueStatus.Missing, read.GetStatus(0, 0));
    }

    [Fact]
    public async Task ReadAsync_CancelledBeforeTheCall_Throws()
    {
        await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]);
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0, cancellation.Token));
    }

    [Fact]
    public async Task EmptyBatchAndEmptyKeyList_DoNothing()
    {
        OnlineWriteResult written = await Store.WriteAsync(Views.NoTtl, []);
        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [], T0);

        Assert.Equal(new OnlineWriteResult(0, 0), written);
        Assert.Empty(read.Keys);
        Assert.Throws<ArgumentOutOfRangeException>(() => read.GetStatus(0, 0));
    }

    [Fact]
    public async Task ReadAsync_1200KeysInOneCall_ReturnsEveryKeyInOrder()
    {
        await Store.WriteAsync(Views.NoTtl, [.. Enumerable.Range(0, 1200).Select(i => Score(i, T0.AddSeconds(i), i * 0.5, i))]);

        // The 1,200 stored keys backwards, 100 unknown ones, and a repeat of a stored one.
        EntityKey[] keys = [.. Enumerable.Range(0, 1300).Reverse().Select(i => Customer(i)), Customer(599)];
        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, keys, T0);

        Assert.Equal(keys, read.Keys);
        for (int k = 0; k < keys.Length; k++)
        {
            long id = (long)keys[k].Values[0];
            if (id >= 1200)
            {
                Assert.Equal(FeatureValueStatus.Missing, read.GetStatus(k, 0));
                continue;
            }

            Assert.Equal(id * 0.5, read.GetValue(k, 0));
            Assert.Equal((int)id, read.GetValue(k, 1));
            Assert.Equal(T0.AddSeconds(id), read.GetEventTimestamp(k));
        }
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWritersFromSeveralTasks_EndWithTheNewestValue()
    {
        const int Writers = 6;
        const int BatchesPerWriter = 25;

        // Each writer sends every key a shuffled series of timestamps, so older writes often arrive after newer ones.
        OnlineWriteResult[][] results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var random = new Random(1234 + writer);
            int[] order = [.. Enumerable.Range(0, BatchesPerWriter)];
            random.Shuffle(order);
            var mine = new List<OnlineWriteResult>();
            foreach (int step in order)
            {
                int stamp = (step * Writers) + writer;
                mine.Add(await Store.WriteAsync(Views.NoTtl, [.. Enumerable.Range(0, 5).Select(key => Score(key, T0.AddSeconds(stamp), stamp + key, writer))]));
            }

            return mine.ToArray();
        })));

        OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, [.. Enumerable.Range(0, 5).Select(key => Customer(key))], T0);
        int newest = (Writers * BatchesPerWriter) - 1;
        for (int key = 0; key < 5; key++)
        {
            Assert.Equal((double)(newest + key), read.GetValue(key, 0));
            Assert.Equal(newest % Writers, read.GetValue(key, 1));
            Assert.Equal(T0.AddSeconds(newest), read.GetEventTimestamp(key));
        }

        Assert.Equal(Writers * BatchesPerWriter * 5, results.SelectMany(r => r).Sum(r => r.Written + r.SkippedAsStale));
    }

    [Fact]
    public async Task ReadAsync_WhileBatchesAreWritten_SeesEachBatchWholeOrNotAtAll()
    {
        const int Keys = 50;
        const int Batches = 40;
        EntityKey[] keys = [.. Enumerable.Range(0, Keys).Select(key => Customer(key))];
        int writing = 1;
        Task writer = Task.Run(async () =>
        {
            for (int batch = 0; batch < Batches; batch++)
            {
                await Store.WriteAsync(Views.NoTtl, [.. Enumerable.Range(0, Keys).Select(key => Score(key, T0.AddSeconds(batch), batch, key))]);
            }

            Volatile.Write(ref writing, 0);
        });

        // Every read made while batches commit, plus one after the last, must show one batch's timestamp for all keys.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            bool last;
            do
            {
                last = Volatile.Read(ref writing) == 0;
                OnlineReadResult read = await Store.ReadAsync(Views.NoTtl, keys, T0);
                DateTimeOffset?[] stamps = [.. Enumerable.Range(0, Keys).Select(read.GetEventTimestamp)];
                Assert.Single(stamps.Distinct());
            }
            while (!last);
        })));
        await writer;

        OnlineReadResult final = await Store.ReadAsync(Views.NoTtl, keys, T0);
        Assert.All(Enumerable.Range(0, Keys), key => Assert.Equal((double)(Batches - 1), final.GetValue(key, 0)));
    }

    [Fact]
    public async Task ReadAsync_RowWrittenByAnotherVersionOfTheView_MatchesFeaturesByNameAndType()
    {
        var catalog = new OnlineTestCatalogWithVersions();
        await Store.WriteAsync(catalog.First, [new OnlineFeatureRow(Customer(1), T0, 1.5, 2, "x")]);

        OnlineReadResult read = await Store.ReadAsync(catalog.Second, [Customer(1)], T0);

        // Second: label (now Int64), fresh (new), score (same), count (same), in another order.
        Assert.Equal([null, null, 1.5, 2], ValuesOf(read));
        Assert.Equal([FeatureValueStatus.Missing, FeatureValueStatus.Missing, FeatureValueStatus.Present, FeatureValueStatus.Present], StatusesOf(read));
    }

    [Fact]
    public async Task WriteAndRead_AfterDispose_ThrowObjectDisposed()
    {
        await Store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await Store.WriteAsync(Views.NoTtl, [Score(1, T0, 0.5)]));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await Store.ReadAsync(Views.NoTtl, [Customer(1)], T0));
        await Store.DisposeAsync();
    }

    protected static object?[] ValuesOf(OnlineReadResult read) =>
        [.. Enumerable.Range(0, read.Keys.Count).SelectMany(k => Enumerable.Range(0, read.Features.Count).Select(f => read.GetValue(k, f)))];

    protected static FeatureValueStatus[] StatusesOf(OnlineReadResult read) =>
        [.. Enumerable.Range(0, read.Keys.Count).SelectMany(k => Enumerable.Range(0, read.Features.Count).Select(f => read.GetStatus(k, f)))];
}
