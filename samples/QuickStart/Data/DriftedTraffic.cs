namespace QuickStart.Data;

/// <summary>
/// The traffic of a later month, when the world has moved: card amounts are inflated (prices rose; people now pay
/// bigger baskets by card) and a new merchant category, crypto exchanges, takes a share of the transactions. Whether a
/// transaction is fraud does not change, so what the model gets wrong afterwards is the drift's doing.
/// </summary>
public static class DriftedTraffic
{
    /// <summary>The new category's index: past <see cref="TransactionGenerator.Categories"/>, and risky by the generator's rule.</summary>
    public const int NewCategory = 8;

    /// <summary>The new category's name.</summary>
    public const string NewCategoryName = "crypto_exchange";

    /// <summary>How much amounts grow.</summary>
    public const float AmountFactor = 2.5f;

    /// <summary>The share of transactions that move to the new category.</summary>
    public const double NewCategoryShare = 0.3;

    /// <summary>Copies <paramref name="table"/>, drifting the rows from <paramref name="from"/> on (earlier rows, the training period, stay as they were).</summary>
    public static TransactionTable Create(TransactionTable table, int from, int seed)
    {
        var random = new Random(seed);
        var drifted = new TransactionTable(table.Count);
        table.CustomerId.CopyTo(drifted.CustomerId, 0);
        table.MerchantId.CopyTo(drifted.MerchantId, 0);
        table.Category.CopyTo(drifted.Category, 0);
        table.Amount.CopyTo(drifted.Amount, 0);
        table.Hour.CopyTo(drifted.Hour, 0);
        table.Timestamp.CopyTo(drifted.Timestamp, 0);
        table.IsFraud.CopyTo(drifted.IsFraud, 0);
        for (int i = from; i < table.Count; i++)
        {
            drifted.Amount[i] = (float)Math.Round(table.Amount[i] * AmountFactor, 2);
            if (random.NextDouble() < NewCategoryShare)
            {
                drifted.Category[i] = NewCategory;
                drifted.MerchantId[i] = (NewCategory * TransactionGenerator.MerchantsPerCategory) + random.Next(TransactionGenerator.MerchantsPerCategory);
            }
        }

        return drifted;
    }
}
