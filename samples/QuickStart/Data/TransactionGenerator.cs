namespace QuickStart.Data;

/// <summary>
/// Generates a reproducible stream of card transactions with a known fraud pattern: fraud is rare (about 2 %),
/// its amounts are several times the customer's usual spend, and it clusters at night and in risky merchant
/// categories. Every later chapter (features, training, drift) builds on this data.
/// </summary>
public sealed class TransactionGenerator
{
    /// <summary>The merchant categories; the last two are the risky ones.</summary>
    public static readonly string[] Categories = ["grocery", "fuel", "restaurants", "travel", "pharmacy", "apparel", "electronics", "gift_cards"];

    public const int MerchantsPerCategory = 8;

    private readonly int _seed;
    private readonly int _customers;

    public TransactionGenerator(int seed, int customers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(customers, 1);
        _seed = seed;
        _customers = customers;
    }

    public static DateTimeOffset Start { get; } = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool IsRiskyCategory(int category) => category >= Categories.Length - 2;

    public TransactionTable Generate(int count, TimeSpan span)
    {
        var random = new Random(_seed);
        var spendScale = new double[_customers];
        for (int c = 0; c < spendScale.Length; c++)
        {
            spendScale[c] = Math.Exp(3.2 + (0.5 * Normal(random)));
        }

        var offsets = new double[count];
        for (int i = 0; i < count; i++)
        {
            offsets[i] = random.NextDouble() * span.TotalSeconds;
        }

        Array.Sort(offsets);

        var table = new TransactionTable(count);
        for (int i = 0; i < count; i++)
        {
            int customer = random.Next(_customers);
            bool fraud = random.NextDouble() < 0.02;
            DateTimeOffset timestamp = Start.AddSeconds(offsets[i]);
            int category = fraud && random.NextDouble() < 0.7
                ? Categories.Length - 1 - random.Next(2)
                : random.Next(Categories.Length);
            if (fraud && random.NextDouble() < 0.6)
            {
                // Move the fraud to the small hours, keeping its date.
                timestamp = new DateTimeOffset(timestamp.Date, TimeSpan.Zero).AddHours(random.Next(0, 5)).AddMinutes(random.Next(60));
            }

            double amount = spendScale[customer] * Math.Exp(0.6 * Normal(random));
            if (fraud)
            {
                amount *= 2.0 + (4.0 * random.NextDouble());
            }

            table.CustomerId[i] = customer;
            table.Category[i] = category;
            table.MerchantId[i] = (category * MerchantsPerCategory) + random.Next(MerchantsPerCategory);
            table.Amount[i] = (float)Math.Round(amount, 2);
            table.Timestamp[i] = timestamp;
            table.Hour[i] = timestamp.Hour;
            table.IsFraud[i] = fraud;
        }

        // Event times in order: the feature store replays them as a stream (moving fraud to night broke the order).
        return SortByTime(table);
    }

    private static TransactionTable SortByTime(TransactionTable table)
    {
        int[] order = [.. Enumerable.Range(0, table.Count)];
        DateTimeOffset[] keys = [.. table.Timestamp];
        Array.Sort(keys, order);
        var sorted = new TransactionTable(table.Count);
        for (int i = 0; i < order.Length; i++)
        {
            int from = order[i];
            sorted.CustomerId[i] = table.CustomerId[from];
            sorted.MerchantId[i] = table.MerchantId[from];
            sorted.Category[i] = table.Category[from];
            sorted.Amount[i] = table.Amount[from];
            sorted.Hour[i] = table.Hour[from];
            sorted.Timestamp[i] = table.Timestamp[from];
            sorted.IsFraud[i] = table.IsFraud[from];
        }

        return sorted;
    }

    private static double Normal(Random random)
    {
        // Box–Muller: two uniforms to one standard normal.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
